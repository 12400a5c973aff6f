-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Monitor" (
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
    "incidentMode" TEXT NOT NULL DEFAULT 'off',
    "incidentTemplateId" TEXT,
    "incidentQuietMinutes" INTEGER NOT NULL DEFAULT 10,
    "openIncidentId" TEXT,
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
    CONSTRAINT "Monitor_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Monitor_openIncidentId_fkey" FOREIGN KEY ("openIncidentId") REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Monitor" ("answerStreak", "certExpiresAt", "componentId", "createdAt", "downStatus", "failStreak", "failuresBeforeDown", "fastStreak", "heartbeatToken", "id", "intervalSeconds", "kind", "lastCheckAt", "name", "nextCheckAt", "paused", "settings", "slowStreak", "state", "stateSince", "successesBeforeUp", "timeoutSeconds", "updatedAt") SELECT "answerStreak", "certExpiresAt", "componentId", "createdAt", "downStatus", "failStreak", "failuresBeforeDown", "fastStreak", "heartbeatToken", "id", "intervalSeconds", "kind", "lastCheckAt", "name", "nextCheckAt", "paused", "settings", "slowStreak", "state", "stateSince", "successesBeforeUp", "timeoutSeconds", "updatedAt" FROM "Monitor";
DROP TABLE "Monitor";
ALTER TABLE "new_Monitor" RENAME TO "Monitor";
CREATE UNIQUE INDEX "Monitor_heartbeatToken_key" ON "Monitor"("heartbeatToken");
CREATE INDEX "Monitor_nextCheckAt_idx" ON "Monitor"("nextCheckAt");
CREATE INDEX "Monitor_componentId_idx" ON "Monitor"("componentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
