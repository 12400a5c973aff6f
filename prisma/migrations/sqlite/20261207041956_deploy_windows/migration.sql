-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "reminderSentAt" DATETIME,
    "postmortemBody" TEXT,
    "postmortemPublishedAt" DATETIME,
    "cancelledAt" DATETIME,
    "deploy" BOOLEAN NOT NULL DEFAULT false,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Incident" ("cancelledAt", "createdAt", "demo", "id", "identifiedAt", "impact", "kind", "monitoringAt", "name", "postmortemBody", "postmortemPublishedAt", "reminderSentAt", "resolvedAt", "scheduledAutoCompleted", "scheduledAutoInProgress", "scheduledFor", "scheduledUntil", "startedAt", "status", "updatedAt", "version") SELECT "cancelledAt", "createdAt", "demo", "id", "identifiedAt", "impact", "kind", "monitoringAt", "name", "postmortemBody", "postmortemPublishedAt", "reminderSentAt", "resolvedAt", "scheduledAutoCompleted", "scheduledAutoInProgress", "scheduledFor", "scheduledUntil", "startedAt", "status", "updatedAt", "version" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE INDEX "Incident_kind_status_idx" ON "Incident"("kind", "status");
CREATE INDEX "Incident_startedAt_idx" ON "Incident"("startedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
