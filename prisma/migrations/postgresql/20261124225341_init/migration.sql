-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Page" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Etc/UTC',
    "supportUrl" TEXT,
    "logoUrl" TEXT,
    "accentColor" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Page_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComponentGroup" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComponentGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Component" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'operational',
    "position" INTEGER NOT NULL,
    "showcase" BOOLEAN NOT NULL DEFAULT true,
    "onlyShowIfDegraded" BOOLEAN NOT NULL DEFAULT false,
    "startDate" TIMESTAMP(3),
    "groupId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Component_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComponentStatusChange" (
    "id" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ComponentStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'incident',
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "impact" TEXT NOT NULL DEFAULT 'none',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "identifiedAt" TIMESTAMP(3),
    "monitoringAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "scheduledFor" TIMESTAMP(3),
    "scheduledUntil" TIMESTAMP(3),
    "scheduledAutoInProgress" BOOLEAN NOT NULL DEFAULT true,
    "scheduledAutoCompleted" BOOLEAN NOT NULL DEFAULT true,
    "postmortemBody" TEXT,
    "postmortemPublishedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentComponent" (
    "incidentId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,

    CONSTRAINT "IncidentComponent_pkey" PRIMARY KEY ("incidentId","componentId")
);

-- CreateTable
CREATE TABLE "IncidentUpdate" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "displayAt" TIMESTAMP(3) NOT NULL,
    "deliverNotifications" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentUpdateComponent" (
    "id" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "oldStatus" TEXT NOT NULL,
    "newStatus" TEXT NOT NULL,

    CONSTRAINT "IncidentUpdateComponent_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Component" ADD CONSTRAINT "Component_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ComponentGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ComponentStatusChange" ADD CONSTRAINT "ComponentStatusChange_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentComponent" ADD CONSTRAINT "IncidentComponent_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentComponent" ADD CONSTRAINT "IncidentComponent_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentUpdate" ADD CONSTRAINT "IncidentUpdate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentUpdateComponent" ADD CONSTRAINT "IncidentUpdateComponent_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "IncidentUpdate"("id") ON DELETE CASCADE ON UPDATE CASCADE;
