-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "deploy" BOOLEAN NOT NULL DEFAULT false;
