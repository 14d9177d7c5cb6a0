using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.UnitTests;

/// <summary>
/// The honest clock: from filing (or payment) to the decision, minus the time awaiting the
/// applicant; what the request keeps as it moves equals what its events alone say.
/// </summary>
public sealed class RequestClockTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PaidRequest_CorrectedTwice_CountsOnlyTheOfficesTime()
    {
        var request = Request.StartDraft(1, "citoyen", null, Day0);
        request.Submit("citoyen", feeDue: true, () => "TG-2026-00000001", 30, Day0);
        request.ConfirmPayment("R-1", 10, Day0.AddDays(2));        // clock starts on day 2, due day 12
        request.StartReview("agent", Day0.AddDays(3));
        request.AskForCorrection("agent", ["nom"], "Nom illisible", Day0.AddDays(4));
        Assert.Equal(TimeSpan.FromDays(2), request.TimeWithAdministration(Day0.AddDays(4)));
        // While the applicant has it, the office's time does not run and the request is not late.
        Assert.Equal(TimeSpan.FromDays(2), request.TimeWithAdministration(Day0.AddDays(20)));
        Assert.False(request.IsOverdue(Day0.AddDays(20)));
        request.Resubmit("citoyen", Day0.AddDays(7));               // waited 3 days: due day 15
        request.AskForCorrection("agent", ["nom"], "Encore", Day0.AddDays(8));
        request.Resubmit("citoyen", Day0.AddDays(8.5));             // waited 0.5 day: due day 15.5
        request.Approve("agent", null, Day0.AddDays(10));

        Assert.Equal(Day0.AddDays(2), request.SubmittedAt);
        Assert.Equal(Day0, request.FiledAt);
        Assert.Equal(Day0.AddDays(10), request.DecidedAt);
        Assert.Equal("agent", request.DecidedById);
        Assert.Equal(TimeSpan.FromDays(3.5), request.TimeWithApplicant);
        Assert.Equal(TimeSpan.FromDays(4.5), request.TimeWithAdministration(Day0.AddDays(99)));
        Assert.Equal(Day0.AddDays(15.5), request.DueAt);

        var fromEvents = RequestClock.FromEvents(request.Events);
        Assert.Equal(request.SubmittedAt, fromEvents.StartedAt);
        Assert.Equal(request.DecidedAt, fromEvents.DecidedAt);
        Assert.Equal(request.TimeWithApplicant, fromEvents.WithApplicant);
        Assert.Equal(request.TimeWithAdministration(Day0.AddDays(99)), fromEvents.WithAdministration(Day0.AddDays(99)));
    }

    [Fact]
    public void WithdrawnWhileAwaitingTheApplicant_StopsBothClocks()
    {
        var request = Request.StartDraft(1, "citoyen", null, Day0);
        request.Submit("citoyen", feeDue: false, () => "TG-2026-00000002", 5, Day0);
        request.StartReview("agent", Day0.AddDays(1));
        request.AskForCorrection("agent", ["nom"], "Nom illisible", Day0.AddDays(2));
        request.Withdraw("citoyen", null, Day0.AddDays(6));

        Assert.Equal(Day0.AddDays(6), request.DecidedAt);
        Assert.Null(request.DecidedById);
        Assert.Equal(TimeSpan.FromDays(4), request.TimeWithApplicant);
        Assert.Equal(TimeSpan.FromDays(2), request.TimeWithAdministration(Day0.AddDays(30)));
        Assert.Equal(request.TimeWithAdministration(Day0.AddDays(30)), RequestClock.FromEvents(request.Events).WithAdministration(Day0.AddDays(30)));
    }

    [Fact]
    public void BeforeTheClockStarts_ThereIsNoTime()
    {
        var request = Request.StartDraft(1, "citoyen", null, Day0);
        request.Submit("citoyen", feeDue: true, () => "TG-2026-00000003", 30, Day0);
        Assert.Null(request.TimeWithAdministration(Day0.AddDays(3)));
        Assert.Null(request.DueAt);
        Assert.Equal(Day0, request.FiledAt);
    }
}
