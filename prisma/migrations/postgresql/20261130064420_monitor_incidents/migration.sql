-- AlterTable
ALTER TABLE "Monitor" ADD COLUMN     "incidentMode" TEXT NOT NULL DEFAULT 'off',
ADD COLUMN     "incidentQuietMinutes" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "incidentTemplateId" TEXT,
ADD COLUMN     "openIncidentId" TEXT;

-- AddForeignKey
ALTER TABLE "Monitor" ADD CONSTRAINT "Monitor_openIncidentId_fkey" FOREIGN KEY ("openIncidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;
