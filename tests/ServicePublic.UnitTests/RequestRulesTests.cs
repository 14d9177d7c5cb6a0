using System.Linq.Expressions;
using ServicePublic.Web.Domain;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.UnitTests;

/// <summary>The rules pages and queries read from a request: open, overdue, what a correction may change, why.</summary>
public sealed class RequestRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static int _sequence;

    private static Request Draft() => Request.StartDraft(1, "citoyen", null, Now);

    /// <summary>Submitted without a fee, due 30 days later.</summary>
    private static Request Submitted()
    {
        var request = Draft();
        request.Submit("citoyen", feeDue: false, () => Request.FormatTrackingNumber(2026, Interlocked.Increment(ref _sequence)), 30, Now);
        return request;
    }

    private static Request AwaitingCorrection(string reason, params string[] fields)
    {
        var request = Submitted();
        request.StartReview("agent", Now);
        request.AskForCorrection("agent", fields, reason, Now);
        return request;
    }

    [Theory]
    [InlineData(RequestStatus.Draft, false)]
    [InlineData(RequestStatus.AwaitingPayment, true)]
    [InlineData(RequestStatus.Submitted, true)]
    [InlineData(RequestStatus.InReview, true)]
    [InlineData(RequestStatus.AwaitingApplicant, true)]
    [InlineData(RequestStatus.Approved, false)]
    [InlineData(RequestStatus.Rejected, false)]
    [InlineData(RequestStatus.Withdrawn, false)]
    public void IsOpen_FromFilingUntilTheDecision(RequestStatus status, bool open) =>
        Assert.Equal(open, Request.IsOpenStatus(status));

    [Fact]
    public void IsOpen_FollowsTheRequestThroughItsLife()
    {
        var request = Draft();
        var whileDraft = request.IsOpen;
        request.Submit("citoyen", feeDue: false, () => "TG-2026-00000001", 30, Now);
        var whileSubmitted = request.IsOpen;
        request.Withdraw("citoyen", null, Now);

        Assert.Equal((false, true, false), (whileDraft, whileSubmitted, request.IsOpen));
    }

    [Fact]
    public void IsOverdue_OnlyStrictlyAfterTheDueDate()
    {
        var request = Submitted();
        var due = request.DueAt!.Value;

        Assert.False(request.IsOverdue(due.AddTicks(-1)));
        Assert.False(request.IsOverdue(due));
        Assert.True(request.IsOverdue(due.AddTicks(1)));
    }

    [Fact]
    public void IsOverdue_NeverForADecidedRequest_NorWithoutADueDate()
    {
        var withdrawn = Submitted();
        withdrawn.Withdraw("citoyen", null, Now);
        var later = Now.AddYears(1);

        Assert.False(withdrawn.IsOverdue(later));
        Assert.False(Draft().IsOverdue(later));
        Assert.False(Request.IsOverdueAt(RequestStatus.Submitted, null, later));
        Assert.True(Request.IsOverdueAt(RequestStatus.AwaitingPayment, Now, later));
    }

    /// <summary>The database filter is the same rule: compiled, it agrees with the member for every status around the due date.</summary>
    [Fact]
    public void Overdue_QueryForm_AgreesWithIsOverdue()
    {
        Expression<Func<Request, bool>> query = Request.Overdue(Now);
        var overdue = query.Compile();
        foreach (var status in Enum.GetValues<RequestStatus>())
        {
            foreach (var due in new DateTimeOffset?[] { null, Now.AddDays(-1), Now, Now.AddDays(1) })
            {
                Assert.Equal(Request.IsOverdueAt(status, due, Now), overdue(With(status, due)));
            }
        }
    }

    private static Request With(RequestStatus status, DateTimeOffset? dueAt)
    {
        var request = Draft();
        typeof(Request).GetProperty(nameof(Request.Status))!.SetValue(request, status);
        typeof(Request).GetProperty(nameof(Request.DueAt))!.SetValue(request, dueAt);
        return request;
    }

    [Fact]
    public void ApplicantMayChange_AnyFieldOfADraft_OnlyTheAskedOnesDuringACorrection_NoneOtherwise()
    {
        var correcting = AwaitingCorrection("Photo floue", "photo");

        Assert.True(Draft().ApplicantMayChange("nom"));
        Assert.True(correcting.ApplicantMayChange("photo"));
        Assert.False(correcting.ApplicantMayChange("nom"));
        Assert.False(Submitted().ApplicantMayChange("nom"));
    }

    [Fact]
    public void SaveAnswers_DuringACorrection_KeepsTheFieldsNotAskedFor()
    {
        var request = Draft();
        request.SaveAnswers(new Dictionary<string, string?> { ["nom"] = "Afi", ["photo"] = "a" }, Now);
        request.Submit("citoyen", feeDue: false, () => "TG-2026-00000002", 30, Now);
        request.StartReview("agent", Now);
        request.AskForCorrection("agent", ["photo"], "Photo floue", Now);

        request.SaveAnswers(new Dictionary<string, string?> { ["nom"] = "Koffi", ["photo"] = "b" }, Now);

        Assert.Equal(("Afi", "b"), (request.Answers["nom"], request.Answers["photo"]));
    }

    [Fact]
    public void CorrectionReason_IsWhatTheOfficeAskedFor_OnlyWhileItWaits()
    {
        var request = AwaitingCorrection("La photo est floue.", "photo");
        var whileWaiting = request.CorrectionReason;
        request.Resubmit("citoyen", Now);

        Assert.Equal("La photo est floue.", whileWaiting);
        Assert.Null(request.CorrectionReason);
        Assert.Null(Submitted().CorrectionReason);
    }

    [Fact]
    public void CorrectionReason_IsTheLatestOne_AfterASecondRound()
    {
        var request = AwaitingCorrection("Première fois", "photo");
        request.Resubmit("citoyen", Now);
        request.AskForCorrection("agent", ["nom"], "Deuxième fois", Now);

        Assert.Equal("Deuxième fois", request.CorrectionReason);
    }

    [Fact]
    public void Refusals_NameTheInputTheyAreAbout()
    {
        var inReview = Submitted();
        inReview.StartReview("agent", Now);

        Assert.Equal("fieldKeys", Assert.Throws<BusinessRuleException>(() => inReview.AskForCorrection("agent", [], "Motif", Now)).Field);
        Assert.Equal("reason", Assert.Throws<BusinessRuleException>(() => inReview.Reject("agent", " ", Now)).Field);
        Assert.Equal("body", Assert.Throws<BusinessRuleException>(() => inReview.WriteFromOffice("agent", "", internalNote: false, Now)).Field);
        Assert.Null(Assert.Throws<BusinessRuleException>(() => Draft().AssignTo("agent", Now)).Field);
    }
}
