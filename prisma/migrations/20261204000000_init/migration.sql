-- CreateTable
CREATE TABLE "Image" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "imageId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "phase" TEXT,
    "progress" REAL NOT NULL DEFAULT 0,
    "bytesDone" BIGINT,
    "bytesTotal" BIGINT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "runAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "heartbeatAt" DATETIME,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "errorKind" TEXT,
    "errorMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "durationMs" INTEGER,
    "digest" TEXT,
    "indexDigest" TEXT,
    "compressedBytes" BIGINT,
    "compressedIsEstimate" BOOLEAN,
    "uncompressedBytes" BIGINT,
    "filesystemBytes" BIGINT,
    "fileCount" INTEGER,
    "layerCount" INTEGER,
    "packageCount" INTEGER,
    "packageManager" TEXT,
    "wastedBytes" BIGINT,
    "efficiency" REAL,
    "osId" TEXT,
    "osVersionId" TEXT,
    "osPrettyName" TEXT,
    "libc" TEXT,
    "libcVersion" TEXT,
    "shell" TEXT,
    "packageManagerBinary" TEXT,
    "javaVersion" TEXT,
    "javaVendor" TEXT,
    "javaImageType" TEXT,
    "javaHome" TEXT,
    "javaBytes" BIGINT,
    "user" TEXT,
    "details" TEXT,
    CONSTRAINT "Run_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Image" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Layer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "digest" TEXT NOT NULL,
    "diffId" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "compressedBytes" BIGINT NOT NULL,
    "uncompressedBytes" BIGINT NOT NULL,
    "fileCount" INTEGER NOT NULL,
    "createdBy" TEXT,
    "created" TEXT,
    "packagesAdded" INTEGER NOT NULL DEFAULT 0,
    "packagesRemoved" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Layer_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Package" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" TEXT NOT NULL,
    "manager" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "arch" TEXT,
    "installedBytes" BIGINT,
    "source" TEXT,
    "license" TEXT,
    "layerIndex" INTEGER NOT NULL,
    CONSTRAINT "Package_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LayerCache" (
    "digest" TEXT NOT NULL PRIMARY KEY,
    "scan" BLOB NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Image_family_idx" ON "Image"("family");

-- CreateIndex
CREATE UNIQUE INDEX "Image_reference_platform_key" ON "Image"("reference", "platform");

-- CreateIndex
CREATE INDEX "Run_status_runAfter_idx" ON "Run"("status", "runAfter");

-- CreateIndex
CREATE INDEX "Run_imageId_status_finishedAt_idx" ON "Run"("imageId", "status", "finishedAt");

-- CreateIndex
CREATE INDEX "Layer_digest_idx" ON "Layer"("digest");

-- CreateIndex
CREATE UNIQUE INDEX "Layer_runId_index_key" ON "Layer"("runId", "index");

-- CreateIndex
CREATE INDEX "Package_runId_idx" ON "Package"("runId");

