-- Until now an empty list meant all components: from now on it means none left (every one chosen was deleted).
UPDATE "Subscriber" SET "componentIds" = NULL WHERE "componentIds" = '[]';
-- Components deleted before now leave the lists that still name them, as a deletion does from now on.
UPDATE "Subscriber" SET "componentIds" = (SELECT json_group_array("value") FROM json_each("Subscriber"."componentIds") WHERE "value" IN (SELECT "id" FROM "Component"))
WHERE "componentIds" IS NOT NULL AND EXISTS (SELECT 1 FROM json_each("Subscriber"."componentIds") WHERE "value" NOT IN (SELECT "id" FROM "Component"));
