using ServicePublic.Web.Features.BackOffice;
using ServicePublic.Web.Infrastructure.Auditing;

namespace ServicePublic.UnitTests;

public sealed class AuditActionsTests
{
    [Fact]
    public void EveryAction_IsEntityDotPastTenseVerb_InLowercaseHyphenatedEnglish()
    {
        Assert.NotEmpty(AuditActions.All);
        Assert.All(AuditActions.All, action => Assert.Matches("^[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$", action));
    }

    [Fact]
    public void NoTwoActions_ShareAName()
    {
        Assert.Equal(AuditActions.All.Count, AuditActions.All.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryBackOfficeOperation_IsAuditedUnderItsOwnAction()
    {
        var actions = Enum.GetValues<CaseOperation>().Select(o => o.AuditAction()).ToList();

        Assert.All(actions, action => Assert.Contains(action, AuditActions.All));
        Assert.Equal(actions.Count, actions.Distinct(StringComparer.Ordinal).Count());
    }
}
