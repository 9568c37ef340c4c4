using Ombud.Web.Data.Seed;

namespace Ombud.Web.Features.Admin;

/// <summary>
/// The <c>seed-demo</c> verb: fills an empty database with a large fictional caseload for performance work
/// (<see cref="DemoGenerator"/>). Only the command line (no signed-in user) may: it is not a user's change.
/// </summary>
public static class GenerateDemoData
{
    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser, TimeProvider clock)
    {
        public async Task<DemoGenerator.Result> HandleAsync(DemoGenerator.Profile profile, CancellationToken ct = default)
        {
            if (await currentUser.FindAsync() is not null)
                throw new DomainException("Bara kommandoraden, utan inloggad användare, kan generera påhittad data.");
            return await new DemoGenerator(dbf, clock).GenerateAsync(profile, ct);
        }
    }
}
