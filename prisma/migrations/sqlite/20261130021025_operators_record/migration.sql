-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ComponentGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "position" INTEGER NOT NULL,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ComponentGroup" ("createdAt", "description", "id", "name", "position", "updatedAt") SELECT "createdAt", "description", "id", "name", "position", "updatedAt" FROM "ComponentGroup";
DROP TABLE "ComponentGroup";
ALTER TABLE "new_ComponentGroup" RENAME TO "ComponentGroup";
CREATE TABLE "new_Component" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'operational',
    "position" INTEGER NOT NULL,
    "showcase" BOOLEAN NOT NULL DEFAULT true,
    "onlyShowIfDegraded" BOOLEAN NOT NULL DEFAULT false,
    "startDate" DATETIME,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "groupId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Component_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ComponentGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Component" ("createdAt", "description", "groupId", "id", "name", "onlyShowIfDegraded", "position", "showcase", "startDate", "status", "updatedAt") SELECT "createdAt", "description", "groupId", "id", "name", "onlyShowIfDegraded", "position", "showcase", "startDate", "status", "updatedAt" FROM "Component";
DROP TABLE "Component";
ALTER TABLE "new_Component" RENAME TO "Component";
CREATE INDEX "Component_groupId_position_idx" ON "Component"("groupId", "position");
CREATE TABLE "new_ComponentStatusChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "componentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "incidentId" TEXT,
    CONSTRAINT "ComponentStatusChange_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ComponentStatusChange_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ComponentStatusChange" ("at", "componentId", "id", "status") SELECT "at", "componentId", "id", "status" FROM "ComponentStatusChange";
DROP TABLE "ComponentStatusChange";
ALTER TABLE "new_ComponentStatusChange" RENAME TO "ComponentStatusChange";
CREATE INDEX "ComponentStatusChange_componentId_at_idx" ON "ComponentStatusChange"("componentId", "at");
CREATE INDEX "ComponentStatusChange_incidentId_idx" ON "ComponentStatusChange"("incidentId");
CREATE TABLE "new_Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL DEFAULT 'incident',
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "impact" TEXT NOT NULL DEFAULT 'none',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "identifiedAt" DATETIME,
    "monitoringAt" DATETIME,
    "resolvedAt" DATETIME,
    "scheduledFor" DATETIME,
    "scheduledUntil" DATETIME,
    "scheduledAutoInProgress" BOOLEAN NOT NULL DEFAULT true,
    "scheduledAutoCompleted" BOOLEAN NOT NULL DEFAULT true,
    "postmortemBody" TEXT,
    "postmortemPublishedAt" DATETIME,
    "cancelledAt" DATETIME,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Incident" ("createdAt", "id", "identifiedAt", "impact", "kind", "monitoringAt", "name", "postmortemBody", "postmortemPublishedAt", "resolvedAt", "scheduledAutoCompleted", "scheduledAutoInProgress", "scheduledFor", "scheduledUntil", "startedAt", "status", "updatedAt", "version") SELECT "createdAt", "id", "identifiedAt", "impact", "kind", "monitoringAt", "name", "postmortemBody", "postmortemPublishedAt", "resolvedAt", "scheduledAutoCompleted", "scheduledAutoInProgress", "scheduledFor", "scheduledUntil", "startedAt", "status", "updatedAt", "version" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE INDEX "Incident_kind_status_idx" ON "Incident"("kind", "status");
CREATE INDEX "Incident_startedAt_idx" ON "Incident"("startedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
