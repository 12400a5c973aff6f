-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "event" TEXT,
ALTER COLUMN "payload" DROP NOT NULL,
ALTER COLUMN "componentIds" DROP NOT NULL;
