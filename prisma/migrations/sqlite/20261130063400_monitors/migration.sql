-- AlterTable
ALTER TABLE "Component" ADD COLUMN "monitorStatus" TEXT;

-- CreateTable
CREATE TABLE "Monitor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "intervalSeconds" INTEGER NOT NULL,
    "timeoutSeconds" INTEGER NOT NULL,
    "failuresBeforeDown" INTEGER NOT NULL,
    "successesBeforeUp" INTEGER NOT NULL,
    "downStatus" TEXT NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "heartbeatToken" TEXT,
    "state" TEXT NOT NULL DEFAULT 'unknown',
    "stateSince" DATETIME,
    "failStreak" INTEGER NOT NULL DEFAULT 0,
    "answerStreak" INTEGER NOT NULL DEFAULT 0,
    "slowStreak" INTEGER NOT NULL DEFAULT 0,
    "fastStreak" INTEGER NOT NULL DEFAULT 0,
    "lastCheckAt" DATETIME,
    "certExpiresAt" DATETIME,
    "nextCheckAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Monitor_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MonitorCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "monitorId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "code" TEXT,
    "detail" TEXT,
    "statusCode" INTEGER,
    "durationMs" INTEGER,
    "connectMs" INTEGER,
    "firstByteMs" INTEGER,
    CONSTRAINT "MonitorCheck_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MonitorRollup" (
    "monitorId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "checks" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "failuresByCode" TEXT NOT NULL,
    "p50Ms" INTEGER,
    "p95Ms" INTEGER,
    "p99Ms" INTEGER,

    PRIMARY KEY ("monitorId", "period", "start"),
    CONSTRAINT "MonitorRollup_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Monitor_heartbeatToken_key" ON "Monitor"("heartbeatToken");

-- CreateIndex
CREATE INDEX "Monitor_nextCheckAt_idx" ON "Monitor"("nextCheckAt");

-- CreateIndex
CREATE INDEX "Monitor_componentId_idx" ON "Monitor"("componentId");

-- CreateIndex
CREATE INDEX "MonitorCheck_monitorId_at_idx" ON "MonitorCheck"("monitorId", "at");
