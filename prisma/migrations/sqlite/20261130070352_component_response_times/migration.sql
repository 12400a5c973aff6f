-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Component" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'operational',
    "position" INTEGER NOT NULL,
    "showcase" BOOLEAN NOT NULL DEFAULT true,
    "onlyShowIfDegraded" BOOLEAN NOT NULL DEFAULT false,
    "showResponseTimes" BOOLEAN NOT NULL DEFAULT false,
    "startDate" DATETIME,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "groupId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "monitorStatus" TEXT,
    CONSTRAINT "Component_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ComponentGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Component" ("createdAt", "demo", "description", "groupId", "id", "monitorStatus", "name", "onlyShowIfDegraded", "position", "showcase", "startDate", "status", "updatedAt") SELECT "createdAt", "demo", "description", "groupId", "id", "monitorStatus", "name", "onlyShowIfDegraded", "position", "showcase", "startDate", "status", "updatedAt" FROM "Component";
DROP TABLE "Component";
ALTER TABLE "new_Component" RENAME TO "Component";
CREATE INDEX "Component_groupId_position_idx" ON "Component"("groupId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
