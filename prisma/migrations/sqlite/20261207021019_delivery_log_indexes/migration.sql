-- CreateIndex
CREATE INDEX "Delivery_createdAt_idx" ON "Delivery"("createdAt");

-- CreateIndex
CREATE INDEX "Delivery_subscriberId_createdAt_idx" ON "Delivery"("subscriberId", "createdAt");
