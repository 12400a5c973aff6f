-- Until now an empty list meant all components: from now on it means none left (every one chosen was deleted).
UPDATE "Subscriber" SET "componentIds" = NULL WHERE "componentIds" = '[]';
-- Components deleted before now leave the lists that still name them, as a deletion does from now on.
UPDATE "Subscriber" AS s SET "componentIds" = (SELECT COALESCE(json_agg(v ORDER BY v), '[]'::json)::text FROM json_array_elements_text(s."componentIds"::json) AS v WHERE v IN (SELECT "id" FROM "Component"))
WHERE s."componentIds" IS NOT NULL AND EXISTS (SELECT 1 FROM json_array_elements_text(s."componentIds"::json) AS v WHERE v NOT IN (SELECT "id" FROM "Component"));
