-- CreateTable
CREATE TABLE "MonitorAlert" (
    "monitorId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "startsAt" DATETIME,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("monitorId", "fingerprint"),
    CONSTRAINT "MonitorAlert_monitorId_fkey" FOREIGN KEY ("monitorId") REFERENCES "Monitor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
