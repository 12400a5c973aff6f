-- Until now an empty list meant all components: from now on it means none left (every one chosen was deleted).
UPDATE "Subscriber" SET "componentIds" = NULL WHERE "componentIds" = '[]';
