using ServicePublic.Web.Domain;
using ServicePublic.Web.Domain.Requests;

namespace ServicePublic.UnitTests;

public sealed class RequestTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static int _sequence;

    private static string NextNumber() => Request.FormatTrackingNumber(2026, Interlocked.Increment(ref _sequence));

    private static Request Draft() => Request.StartDraft(1, "citoyen", null, Now);

    private static Request Submitted()
    {
        var request = Draft();
        request.Submit("citoyen", feeDue: false, NextNumber, 30, Now);
        return request;
    }

    private static Request InReview()
    {
        var request = Submitted();
        request.StartReview("agent", Now);
        return request;
    }

    [Fact]
    public void Submit_WithoutFee_GivesTrackingNumberCheckCodeAndDueDate()
    {
        var request = Draft();

        request.Submit("citoyen", feeDue: false, NextNumber, 30, Now);

        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Matches(@"^TG-2026-\d{8}$", request.TrackingNumber);
        Assert.Matches("^[A-HJKMNP-Z2-9]{6}$", request.CheckCode);
        Assert.Equal(Now.AddDays(30), request.DueAt);
        var submitted = Assert.Single(request.Events);
        Assert.Equal((RequestStatus.Draft, RequestStatus.Submitted, "citoyen"), (submitted.From, submitted.To, submitted.ActorId));
    }

    [Fact]
    public void Submit_WithAFee_IsNumbered_AndWaitsForThePayment_BeforeTheClockStarts()
    {
        var request = Draft();

        request.Submit("citoyen", feeDue: true, NextNumber, 30, Now);
        var whileWaiting = (request.Status, request.TrackingNumber is not null, request.SubmittedAt, request.DueAt);
        request.ConfirmPayment("RC-2026-00000001", 30, Now.AddMinutes(5));

        Assert.Equal((RequestStatus.AwaitingPayment, true, (DateTimeOffset?)null, (DateTimeOffset?)null), whileWaiting);
        Assert.Equal(RequestStatus.Submitted, request.Status);
        Assert.Equal(Now.AddMinutes(5).AddDays(30), request.DueAt);
        Assert.Equal(RequestActor.System, request.Events[^1].Actor);
        Assert.Contains("RC-2026-00000001", request.Events[^1].Comment, StringComparison.Ordinal);
    }

    [Fact]
    public void Correction_GoesBackToTheApplicant_WithTheFieldsConcerned_ThenBackToReview()
    {
        var request = InReview();

        request.AskForCorrection("agent", ["superficie-km2", "statuts"], "Le levé topographique est illisible.", Now);
        request.SaveAnswers(new Dictionary<string, string?> { ["superficie-km2"] = "12,5", ["autre"] = "ignoré" }, Now);
        request.Resubmit("citoyen", Now);

        Assert.Equal(RequestStatus.InReview, request.Status);
        Assert.Equal("12,5", request.Answers["superficie-km2"]);
        Assert.False(request.Answers.ContainsKey("autre"));
        Assert.Empty(request.FieldsToCorrect);
        Assert.Equal(
            [RequestStatus.Submitted, RequestStatus.InReview, RequestStatus.AwaitingApplicant, RequestStatus.InReview],
            request.Events.Select(e => e.To));
        Assert.Equal("Le levé topographique est illisible.", request.Events[2].Comment);
        var before = Assert.Single(request.ReplacedAnswers);
        Assert.Equal(("superficie-km2", (string?)null), (before.FieldKey, before.Value));
    }

    [Fact]
    public void Reject_RequiresAReason()
    {
        var request = InReview();

        Assert.Throws<BusinessRuleException>(() => request.Reject("agent", "  ", Now));
        request.Reject("agent", "Pièces non conformes", Now);
        Assert.Equal(RequestStatus.Rejected, request.Status);
    }

    [Fact]
    public void Withdraw_IsPossibleUntilTheDecision_AndNotAfter()
    {
        var beforeDecision = InReview();
        var approved = InReview();
        approved.Approve("agent", null, Now);

        beforeDecision.Withdraw("citoyen", "Plus nécessaire", Now);

        Assert.Equal(RequestStatus.Withdrawn, beforeDecision.Status);
        Assert.Throws<IllegalTransitionException>(() => approved.Withdraw("citoyen", null, Now));
    }

    public static TheoryData<RequestStatus, RequestStatus, RequestActor> IllegalMoves => new()
    {
        { RequestStatus.Draft, RequestStatus.InReview, RequestActor.Clerk },
        { RequestStatus.Draft, RequestStatus.Approved, RequestActor.Clerk },
        { RequestStatus.Submitted, RequestStatus.Approved, RequestActor.Clerk },
        { RequestStatus.Submitted, RequestStatus.InReview, RequestActor.Applicant },
        { RequestStatus.AwaitingPayment, RequestStatus.Submitted, RequestActor.Applicant },
        { RequestStatus.InReview, RequestStatus.Approved, RequestActor.Applicant },
        { RequestStatus.Approved, RequestStatus.Rejected, RequestActor.Clerk },
        { RequestStatus.Rejected, RequestStatus.InReview, RequestActor.Clerk },
        { RequestStatus.Withdrawn, RequestStatus.Submitted, RequestActor.Applicant },
    };

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Transitions_RefuseIllegalMoves(RequestStatus from, RequestStatus to, RequestActor actor)
    {
        Assert.False(RequestTransitions.IsAllowed(from, to, actor));
    }

    [Fact]
    public void ADecidedRequest_RefusesEveryFurtherMove()
    {
        foreach (var decided in new[] { RequestStatus.Approved, RequestStatus.Rejected, RequestStatus.Withdrawn })
        {
            foreach (var actor in Enum.GetValues<RequestActor>())
            {
                Assert.Empty(RequestTransitions.Next(decided, actor));
            }
        }
    }

    [Fact]
    public void Clerk_CannotActOnADraft_AndTheDraftIsUnchanged()
    {
        var request = Draft();

        Assert.Throws<IllegalTransitionException>(() => request.StartReview("agent", Now));
        Assert.Equal(RequestStatus.Draft, request.Status);
        Assert.Empty(request.Events);
    }

    [Fact]
    public void Answers_CannotChange_OnceSubmitted()
    {
        var request = Submitted();

        Assert.Throws<BusinessRuleException>(() => request.SaveAnswers(new Dictionary<string, string?> { ["x"] = "y" }, Now));
    }

    [Fact]
    public void Submitting_Twice_IsRefused_AndKeepsOneNumber()
    {
        var request = Submitted();
        var number = request.TrackingNumber;

        Assert.Throws<IllegalTransitionException>(() => request.Submit("citoyen", false, NextNumber, 30, Now));
        Assert.Equal(number, request.TrackingNumber);
    }
}
