using ServicePublic.Web.Features.BackOffice;

namespace ServicePublic.UnitTests;

/// <summary>The back office's forms post French words; they, and the audit actions built from them, must not drift.</summary>
public sealed class CaseOperationTests
{
    [Theory]
    [InlineData("prendre", CaseOperation.Take)]
    [InlineData("attribuer", CaseOperation.Assign)]
    [InlineData("instruire", CaseOperation.StartReview)]
    [InlineData("corriger", CaseOperation.AskForCorrection)]
    [InlineData("approuver", CaseOperation.Approve)]
    [InlineData("rejeter", CaseOperation.Reject)]
    [InlineData("message", CaseOperation.Message)]
    [InlineData("note", CaseOperation.Note)]
    public void TryParse_ReadsEachPostedWord_AndFormValueWritesItBack(string posted, CaseOperation expected)
    {
        Assert.True(CaseOperations.TryParse(posted, out var operation));
        Assert.Equal(expected, operation);
        Assert.Equal(posted, operation.FormValue());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Prendre")]
    [InlineData("Take")]
    [InlineData("0")]
    [InlineData("supprimer")]
    public void TryParse_RefusesAnythingElse(string? posted) =>
        Assert.False(CaseOperations.TryParse(posted, out _));

    [Fact]
    public void EveryOperation_HasAFormValue() =>
        Assert.All(Enum.GetValues<CaseOperation>(), o => Assert.False(string.IsNullOrEmpty(o.FormValue())));

    [Fact]
    public void OnlyTaking_Assigning_AndStartingTheReview_AreDoneInBatches() =>
        Assert.Equal([CaseOperation.Take, CaseOperation.Assign, CaseOperation.StartReview], Enum.GetValues<CaseOperation>().Where(o => o.IsBatch()));

    [Theory]
    [InlineData("reason", "motif")]
    [InlineData("fieldKeys", "motif")]
    [InlineData("body", "texte")]
    [InlineData("agent", null)]
    [InlineData(null, null)]
    public void Refusals_AreShownUnderTheInputTheyAreAbout(string? domainField, string? input) =>
        Assert.Equal(input, CaseCommand.InputOf(domainField));
}
