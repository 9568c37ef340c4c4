namespace Ombud.Web.Features.Admin;

/// <summary>
/// What the request use cases share: the recorded request (when it came in, Admin's note), its validator, and the rule
/// for when Admin may act for a client at all — only when the client's ombud is gone (no ombud, or the account is no
/// longer active). Otherwise the client's own ombud produces the extract or erases, from the client page.
/// </summary>
public static class ListDataSubjectRequests
{
    public sealed class Command
    {
        public string? ClientCode { get; set; }
        public DateTime? ReceivedOn { get; set; }
        public string? Note { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.ClientCode)
                .NotEmpty()
                .WithMessage("Ange klientkoden.")
                .MaximumLength(Limits.ClientCode)
                .WithMessage("Klientkoden är för lång.");
            RuleFor(x => x.ReceivedOn).NotNull().WithMessage("Ange datum då begäran kom in.").NotInFuture(clock);
            RuleFor(x => x.Note).NotEmpty().WithMessage("Skriv hur begäran kom in (t.ex. brev, diarienummer).")
                .MaximumLength(Limits.Reason).WithMessage($"Högst {Limits.Reason} tecken.");
        }
    }

    public sealed record Recorded(DateTime AtUtc, string ClientCode, ClientRequestKind Kind, DateOnly ReceivedOn, string Note, string By);

    /// <summary>Finds the client in the admin's unit and checks that Admin may act; throws a Swedish message otherwise.</summary>
    internal static async Task<Client> FindClientForAdminAsync(OmbudDbContext db, UserInfo me, string code, CancellationToken ct)
    {
        var normalised = code.Trim().ToUpperInvariant();
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Code == normalised && c.UnitId == me.UnitId, ct)
            ?? throw new DomainException("Det finns ingen klient med den koden i enheten.");
        if (client.OmbudId is { } ombudId)
        {
            var ombud = await db.Users.AsNoTracking()
                .Where(u => u.Id == ombudId)
                .Select(u => new { u.DisplayName, u.IsActive })
                .FirstOrDefaultAsync(ct);
            if (ombud is { IsActive: true })
                throw new DomainException(
                    $"Klientens ombud ({ombud.DisplayName}) arbetar kvar: be ombudet ta fram utdraget eller radera från klientsidan.");
        }
        return client;
    }

    internal static ClientRequest Record(UserInfo me, Client client, ClientRequestKind kind, Command cmd, DateTime atUtc) => new()
    {
        UnitId = me.UnitId,
        ClientId = client.Id,
        ClientCode = client.Code,
        Kind = kind,
        ReceivedOn = DateOnly.FromDateTime(cmd.ReceivedOn!.Value),
        Note = cmd.Note!.Trim(),
        ByUserId = me.Id,
        AtUtc = atUtc,
    };

    public sealed class Handler(IDbContextFactory<OmbudDbContext> dbf, ICurrentUser currentUser)
    {
        /// <summary>The unit's recorded requests, newest first (codes, dates and notes only).</summary>
        public async Task<IReadOnlyList<Recorded>> ListAsync(int take = 50, CancellationToken ct = default)
        {
            var me = await currentUser.RequireAdminAsync("se registerbegäranden");
            await using var db = await dbf.CreateDbContextAsync(ct);
            return await db.ClientRequests.AsNoTracking()
                .Where(r => r.UnitId == me.UnitId)
                .OrderByDescending(r => r.AtUtc)
                .Take(Math.Clamp(take, 1, 500))
                .Select(r => new Recorded(r.AtUtc, r.ClientCode, r.Kind, r.ReceivedOn, r.Note,
                    db.Users.Where(u => u.Id == r.ByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "okänd"))
                .ToListAsync(ct);
        }
    }
}
