SELECT "m"."Id", "m"."Status", "m"."RegisteredOn", "m"."StartDate", "m"."PausedOn", "m"."ClosedOn", "c"."Name", "c0"."Name", "m"."LastActivityOn", "m"."Version"
FROM "Mandates" AS "m"
LEFT JOIN "Categories" AS "c" ON "m"."ClosureReasonId" = "c"."Id"
LEFT JOIN "Categories" AS "c0" ON "m"."ReferralPathId" = "c0"."Id"
WHERE "m"."ClientId" = @clientId
ORDER BY "m"."RegisteredOn" DESC, "m"."Id" DESC;
SELECT "s"."Name"
FROM "Mandates" AS "m"
INNER JOIN (
    SELECT "c"."Id", "c"."Name", "c"."SortOrder", "m0"."MandateId"
    FROM "MandateContactReasons" AS "m0"
    INNER JOIN "Categories" AS "c" ON "m0"."CategoryId" = "c"."Id"
) AS "s" ON "m"."Id" = "s"."MandateId"
WHERE "m"."Id" = @current_Id
ORDER BY "s"."SortOrder", "s"."Id";
SELECT "a"."Id" AS "ContactId", "s"."Id", "s"."Name", "s"."SortOrder"
FROM "AuthorityContacts" AS "a"
INNER JOIN (
    SELECT "c"."Id", "c"."Name", "c"."SortOrder", "a0"."AuthorityContactId"
    FROM "AuthorityContactHelpKinds" AS "a0"
    INNER JOIN "Categories" AS "c" ON "a0"."CategoryId" = "c"."Id"
) AS "s" ON "a"."Id" = "s"."AuthorityContactId"
WHERE "a"."MandateId" = @current_Id;
SELECT "a"."Id", "a"."ActorId", "a0"."Name" AS "Actor", "a"."Date", "a"."Channel", "a"."NeedId", "c"."Name" AS "Need", "a"."Outcome", "a"."FollowUpOn", "a"."WithoutConsent", "a"."Version"
FROM "AuthorityContacts" AS "a"
INNER JOIN "Actors" AS "a0" ON "a"."ActorId" = "a0"."Id"
LEFT JOIN "Needs" AS "n" ON "a"."NeedId" = "n"."Id"
LEFT JOIN "Categories" AS "c" ON "n"."LifeAreaId" = "c"."Id"
WHERE "a"."MandateId" = @current_Id
ORDER BY "a"."Date" DESC, "a"."Id" DESC;
