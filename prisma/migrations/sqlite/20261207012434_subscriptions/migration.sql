-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "reminderSentAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subscriber" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL,
    "email" TEXT,
    "endpoint" TEXT,
    "secret" TEXT,
    "componentIds" TEXT,
    "confirmedAt" DATETIME,
    "confirmToken" TEXT,
    "confirmExpiresAt" DATETIME,
    "source" TEXT NOT NULL DEFAULT 'admin',
    "failingSince" DATETIME,
    "quarantinedAt" DATETIME,
    "quarantineReason" TEXT,
    "purgeAt" DATETIME,
    "unsubscribeToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Subscriber" ("componentIds", "confirmedAt", "createdAt", "email", "endpoint", "failingSince", "id", "mode", "purgeAt", "quarantineReason", "quarantinedAt", "secret", "unsubscribeToken") SELECT "componentIds", "confirmedAt", "createdAt", "email", "endpoint", "failingSince", "id", "mode", "purgeAt", "quarantineReason", "quarantinedAt", "secret", "unsubscribeToken" FROM "Subscriber";
DROP TABLE "Subscriber";
ALTER TABLE "new_Subscriber" RENAME TO "Subscriber";
CREATE UNIQUE INDEX "Subscriber_confirmToken_key" ON "Subscriber"("confirmToken");
CREATE UNIQUE INDEX "Subscriber_unsubscribeToken_key" ON "Subscriber"("unsubscribeToken");
CREATE INDEX "Subscriber_mode_email_idx" ON "Subscriber"("mode", "email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
