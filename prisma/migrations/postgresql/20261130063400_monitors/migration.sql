-- AlterTable
ALTER TABLE "Component" ADD COLUMN     "monitorStatus" TEXT;

-- CreateTable
CREATE TABLE "Monitor" (
    "id" TEXT NOT NULL,
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
    "stateSince" TIMESTAMP(3),
    "failStreak" INTEGER NOT NULL DEFAULT 0,
    "answerStreak" INTEGER NOT NULL DEFAULT 0,
    "slowStreak" INTEGER NOT NULL DEFAULT 0,
    "fastStreak" INTEGER NOT NULL DEFAULT 0,
    "lastCheckAt" TIMESTAMP(3),
    "certExpiresAt" TIMESTAMP(3),
    "nextCheckAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Monitor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorCheck" (
    "id" TEXT NOT NULL,
    "monitorId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "code" TEXT,
    "detail" TEXT,
    "statusCode" INTEGER,
    "durationMs" INTEGER,
    "connectMs" INTEGER,
    "firstByteMs" INTEGER,

    CONSTRAINT "MonitorCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorRollup" (
    "monitorId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "checks" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "failuresByCode" TEXT NOT NULL,
    "p50Ms" INTEGER,
    "p95Ms" INTEGER,
    "p99Ms" INTEGER,

    CONSTRAINT "MonitorRollup_pkey" PRIMARY KEY ("monitorId","period","start")
);

-- CreateIndex
CREATE UNIQUE INDEX "Monitor_heartbeatToken_key" ON "Monitor"("heartbeatToken");

-- CreateIndex
CREATE INDEX "Monitor_nextCheckAt_idx" ON "Monitor"("nextCheckAt");

-- CreateIndex
CREATE INDEX "Monitor_componentId_idx" ON "Monitor"("componentId");

-- CreateIndex
CREATE INDEX "MonitorCheck_monitorId_at_idx" ON "MonitorCheck"("monitorId", "at");

-- AddForeignKey
ALTER TABLE "Monitor" ADD CONSTRAINT "Monitor_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorCheck" ADD CONSTRAINT "MonitorCheck_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonitorRollup" ADD CONSTRAINT "MonitorRollup_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor"("id") ON DELETE CASCADE ON UPDATE CASCADE;
