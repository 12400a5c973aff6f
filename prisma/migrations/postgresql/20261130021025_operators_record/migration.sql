-- AlterTable
ALTER TABLE "ComponentGroup" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Component" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ComponentStatusChange" ADD COLUMN     "incidentId" TEXT;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "ComponentStatusChange_incidentId_idx" ON "ComponentStatusChange"("incidentId");

-- AddForeignKey
ALTER TABLE "ComponentStatusChange" ADD CONSTRAINT "ComponentStatusChange_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
