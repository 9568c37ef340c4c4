namespace Ombud.Tests.Domain;

public class MandateTests
{
    private static readonly DateOnly D = new(2026, 3, 1);
    private static readonly Category Finished = new() { Id = 1, Kind = CategoryKind.ClosureReason, Name = "Uppdraget slutfört" };

    private static Client NewClient() => new() { Code = "KTEST01" };

    [Fact]
    public void A_mandate_without_start_date_waits_and_one_with_start_date_is_active()
    {
        var waiting = NewClient().OpenNewMandate("o1", D, null);
        Assert.Equal(MandateStatus.Waiting, waiting.Status);
        var active = NewClient().OpenNewMandate("o1", D, D.AddDays(2));
        Assert.Equal(MandateStatus.Active, active.Status);
        Assert.Equal(D.AddDays(2), active.StartDate);
    }

    [Fact]
    public void Opening_a_mandate_sets_the_responsible_ombud()
    {
        var client = NewClient();
        client.OpenNewMandate("ombud-7", D, D);
        Assert.Equal("ombud-7", client.OmbudId);
    }

    [Fact]
    public void A_person_on_the_waiting_list_without_an_ombud_gets_one_and_an_active_mandate_when_assigned()
    {
        var client = NewClient();
        var mandate = client.OpenNewMandate(null, D, null);
        Assert.Null(client.OmbudId);
        Assert.Equal(MandateStatus.Waiting, mandate.Status);
        Assert.Throws<DomainException>(() => NewClient().OpenNewMandate(null, D, D)); // without an ombud it can only wait
        Assert.Throws<DomainException>(() => client.AssignFromWaitingList("o2", D.AddDays(-1))); // before the request

        client.AssignFromWaitingList("o2", D.AddDays(14));
        Assert.Equal("o2", client.OmbudId);
        Assert.Equal("o2", mandate.OmbudId);
        Assert.Equal(MandateStatus.Active, mandate.Status);
        Assert.Equal(D.AddDays(14), mandate.StartDate);
        var again = Assert.Throws<DomainException>(() => client.AssignFromWaitingList("o3", D.AddDays(15)));
        Assert.Contains("väntelistan", again.Message);
    }

    [Fact]
    public void A_client_never_has_two_open_mandates()
    {
        var client = NewClient();
        client.OpenNewMandate("o1", D, D);
        var ex = Assert.Throws<DomainException>(() => client.OpenNewMandate("o1", D.AddDays(5), D.AddDays(5)));
        Assert.Contains("redan ett öppet uppdrag", ex.Message);
    }

    [Fact]
    public void A_closed_mandate_allows_a_new_one()
    {
        var client = NewClient();
        client.OpenNewMandate("o1", D, D).Close(D.AddDays(10), Finished);
        var second = client.OpenNewMandate("o2", D.AddDays(20), D.AddDays(20));
        Assert.Equal(2, client.Mandates.Count);
        Assert.Same(second, client.OpenMandate);
    }

    [Fact]
    public void A_returning_clients_new_mandate_starts_no_earlier_than_the_last_closing_and_voids_the_removal_date()
    {
        var client = NewClient();
        client.OpenNewMandate("o1", D, D).Close(D.AddDays(10), Finished);
        client.DisposeOn = D.AddDays(10).AddMonths(3);

        var ex = Assert.Throws<DomainException>(() => client.OpenNewMandate("o1", D.AddDays(9), D.AddDays(9)));
        Assert.Contains(D.AddDays(10).ToString("yyyy-MM-dd"), ex.Message);
        Assert.Single(client.Mandates);
        Assert.NotNull(client.DisposeOn);

        var second = client.OpenNewMandate("o1", D.AddDays(10), D.AddDays(12)); // the same day as the closing is fine
        Assert.Equal(MandateStatus.Active, second.Status);
        Assert.Null(client.DisposeOn);
    }

    [Fact]
    public void An_anonymised_client_gets_no_new_mandate()
    {
        var client = NewClient();
        client.OpenNewMandate("o1", D, D).Close(D.AddDays(10), Finished);
        client.Anonymise(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        var ex = Assert.Throws<DomainException>(() => client.OpenNewMandate("o1", D.AddDays(20), D.AddDays(20)));
        Assert.Contains("borttagna", ex.Message);
        Assert.Single(client.Mandates);
    }

    [Fact]
    public void Status_flow_waiting_active_paused_active_closed()
    {
        var m = NewClient().OpenNewMandate("o1", D, null);
        m.Activate(D.AddDays(1));
        m.Pause(D.AddDays(5));
        Assert.Equal(MandateStatus.Paused, m.Status);
        Assert.Equal(D.AddDays(5), m.PausedOn);
        m.Resume(D.AddDays(9));
        Assert.Equal(MandateStatus.Active, m.Status);
        Assert.Null(m.PausedOn);
        m.Close(D.AddDays(30), Finished);
        Assert.Equal(MandateStatus.Closed, m.Status);
        Assert.Equal(D.AddDays(30), m.ClosedOn);
        Assert.Equal(D.AddDays(9), m.LastActivityOn);
    }

    [Fact]
    public void Illegal_transitions_are_refused()
    {
        var m = NewClient().OpenNewMandate("o1", D, null);
        Assert.Throws<DomainException>(() => m.Pause(D));
        Assert.Throws<DomainException>(() => m.Resume(D));
        m.Activate(D);
        Assert.Throws<DomainException>(() => m.Activate(D));
        Assert.Throws<DomainException>(() => m.Resume(D));
        m.Close(D, Finished);
        Assert.Throws<DomainException>(() => m.Close(D, Finished));
    }

    [Fact]
    public void Dates_before_the_mandate_began_are_refused()
    {
        var m = NewClient().OpenNewMandate("o1", D, null);
        Assert.Throws<DomainException>(() => m.Activate(D.AddDays(-1)));
        m.Activate(D.AddDays(3));
        Assert.Throws<DomainException>(() => m.Pause(D.AddDays(2)));
        Assert.Throws<DomainException>(() => m.Close(D.AddDays(2), Finished));
        Assert.Throws<DomainException>(() => NewClient().OpenNewMandate("o1", D, D.AddDays(-1)));
    }

    [Fact]
    public void Closing_needs_a_closure_reason_valid_on_the_date()
    {
        var m = NewClient().OpenNewMandate("o1", D, D);
        var wrongKind = new Category { Kind = CategoryKind.LifeArea, Name = "Boende" };
        Assert.Throws<DomainException>(() => m.Close(D.AddDays(1), wrongKind));
        var ended = new Category { Kind = CategoryKind.ClosureReason, Name = "Gammal", ValidTo = D };
        Assert.Throws<DomainException>(() => m.Close(D.AddDays(1), ended));
    }
}
