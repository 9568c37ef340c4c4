SELECT "m"."Id", "m"."Status", "m"."RegisteredOn", "m"."StartDate", "m"."PausedOn", "m"."ClosedOn", "c"."Name", "c0"."Name", "c"."Id", "c0"."Id", "s"."Name", "s"."CategoryId", "s"."MandateId", "s"."Id", "m"."LastActivityOn", "m"."Version"
FROM "Mandates" AS "m"
LEFT JOIN "Categories" AS "c" ON "m"."ClosureReasonId" = "c"."Id"
LEFT JOIN "Categories" AS "c0" ON "m"."ReferralPathId" = "c0"."Id"
LEFT JOIN (
    SELECT "c1"."Name", "m0"."CategoryId", "m0"."MandateId", "c1"."Id", "c1"."SortOrder"
    FROM "MandateContactReasons" AS "m0"
    INNER JOIN "Categories" AS "c1" ON "m0"."CategoryId" = "c1"."Id"
) AS "s" ON "m"."Id" = "s"."MandateId"
WHERE "m"."ClientId" = @clientId
ORDER BY "m"."RegisteredOn" DESC, "m"."Id" DESC, "c"."Id", "c0"."Id", "s"."SortOrder", "s"."CategoryId", "s"."MandateId";
SELECT "a"."Id", "a"."ActorId", "a0"."Name", "a"."Date", "a"."Channel", "a0"."Id", "n"."Id", "c"."Id", "s"."Id", "s"."AuthorityContactId", "s"."CategoryId", "s0"."Name", "s0"."AuthorityContactId", "s0"."CategoryId", "s0"."Id", "a"."NeedId", "c"."Name", "a"."Outcome", "a"."FollowUpOn", "a"."WithoutConsent", "a"."Version"
FROM "AuthorityContacts" AS "a"
INNER JOIN "Actors" AS "a0" ON "a"."ActorId" = "a0"."Id"
LEFT JOIN "Needs" AS "n" ON "a"."NeedId" = "n"."Id"
LEFT JOIN "Categories" AS "c" ON "n"."LifeAreaId" = "c"."Id"
LEFT JOIN (
    SELECT "c0"."Id", "a1"."AuthorityContactId", "a1"."CategoryId", "c0"."SortOrder"
    FROM "AuthorityContactHelpKinds" AS "a1"
    INNER JOIN "Categories" AS "c0" ON "a1"."CategoryId" = "c0"."Id"
) AS "s" ON "a"."Id" = "s"."AuthorityContactId"
LEFT JOIN (
    SELECT "c1"."Name", "a2"."AuthorityContactId", "a2"."CategoryId", "c1"."Id", "c1"."SortOrder"
    FROM "AuthorityContactHelpKinds" AS "a2"
    INNER JOIN "Categories" AS "c1" ON "a2"."CategoryId" = "c1"."Id"
) AS "s0" ON "a"."Id" = "s0"."AuthorityContactId"
WHERE "a"."MandateId" = @current_Id
ORDER BY "a"."Date" DESC, "a"."Id" DESC, "a0"."Id", "n"."Id", "c"."Id", "s"."SortOrder", "s"."Id", "s"."AuthorityContactId", "s"."CategoryId", "s0"."SortOrder", "s0"."Id", "s0"."AuthorityContactId";
