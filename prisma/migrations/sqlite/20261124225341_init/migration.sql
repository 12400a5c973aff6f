-- CreateTable
CREATE TABLE "Page" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Etc/UTC',
    "supportUrl" TEXT,
    "logoUrl" TEXT,
    "accentColor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ComponentGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "position" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Component" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'operational',
    "position" INTEGER NOT NULL,
    "showcase" BOOLEAN NOT NULL DEFAULT true,
    "onlyShowIfDegraded" BOOLEAN NOT NULL DEFAULT false,
    "startDate" DATETIME,
    "groupId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Component_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ComponentGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ComponentStatusChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "componentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "ComponentStatusChange_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Incident" (
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
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "IncidentComponent" (
    "incidentId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,

    PRIMARY KEY ("incidentId", "componentId"),
    CONSTRAINT "IncidentComponent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IncidentComponent_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "displayAt" DATETIME NOT NULL,
    "deliverNotifications" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IncidentUpdate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IncidentUpdateComponent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "updateId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "oldStatus" TEXT NOT NULL,
    "newStatus" TEXT NOT NULL,
    CONSTRAINT "IncidentUpdateComponent_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "IncidentUpdate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Component_groupId_position_idx" ON "Component"("groupId", "position");

-- CreateIndex
CREATE INDEX "ComponentStatusChange_componentId_at_idx" ON "ComponentStatusChange"("componentId", "at");

-- CreateIndex
CREATE INDEX "Incident_kind_status_idx" ON "Incident"("kind", "status");

-- CreateIndex
CREATE INDEX "Incident_startedAt_idx" ON "Incident"("startedAt");

-- CreateIndex
CREATE INDEX "IncidentComponent_componentId_idx" ON "IncidentComponent"("componentId");

-- CreateIndex
CREATE INDEX "IncidentUpdate_incidentId_displayAt_idx" ON "IncidentUpdate"("incidentId", "displayAt");

-- CreateIndex
CREATE INDEX "IncidentUpdateComponent_updateId_idx" ON "IncidentUpdateComponent"("updateId");
