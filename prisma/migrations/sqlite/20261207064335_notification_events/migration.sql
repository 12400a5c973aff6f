-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "event" TEXT,
    "payload" TEXT,
    "componentIds" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fannedOutAt" DATETIME
);
INSERT INTO "new_Notification" ("componentIds", "createdAt", "fannedOutAt", "id", "kind", "payload") SELECT "componentIds", "createdAt", "fannedOutAt", "id", "kind", "payload" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_fannedOutAt_idx" ON "Notification"("fannedOutAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
