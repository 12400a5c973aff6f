-- AlterTable
ALTER TABLE "Component" ADD COLUMN     "showResponseTimes" BOOLEAN NOT NULL DEFAULT false;
