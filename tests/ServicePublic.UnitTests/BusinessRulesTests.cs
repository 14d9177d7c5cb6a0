using ServicePublic.Web.Domain;
using ServicePublic.Web.Domain.Accounts;

namespace ServicePublic.UnitTests;

public sealed class BusinessRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static Business NewBusiness() => new("Agro Plus", "SARL", "1000123456", "TG-LFW-01-2024-B12-00123", "Lomé", "owner", Now);

    private static Business WithRepresentative(string userId = "rep", string email = "rep@exemple.tg")
    {
        var business = NewBusiness();
        business.Accept(business.Invite(email, "owner", "hash-" + userId, Now), userId, email, Now);
        return business;
    }

    [Fact]
    public void Accept_AddsARepresentative_WhenTheEmailMatchesWhateverItsCase()
    {
        var business = NewBusiness();
        var invitation = business.Invite(" Rep@Exemple.tg ", "owner", "hash", Now);

        business.Accept(invitation, "rep", "REP@exemple.TG", Now.AddDays(1));

        Assert.Equal(BusinessRole.Representative, business.MemberOf("rep")?.Role);
        Assert.False(invitation.IsOpen(Now.AddDays(1)));
    }

    [Fact]
    public void Accept_IsRefused_ForAnotherEmail()
    {
        var business = NewBusiness();
        var invitation = business.Invite("rep@exemple.tg", "owner", "hash", Now);

        var error = Assert.Throws<BusinessRuleException>(() => business.Accept(invitation, "intruder", "intrus@exemple.tg", Now));

        Assert.Equal(BusinessInvitation.NotValidMessage, error.Message);
        Assert.Null(business.MemberOf("intruder"));
        Assert.True(invitation.IsOpen(Now));
    }

    [Fact]
    public void Accept_IsRefused_ForAnInvitationOfAnotherBusiness()
    {
        var other = NewBusiness();
        var invitation = other.Invite("rep@exemple.tg", "owner", "hash", Now);

        Assert.Throws<BusinessRuleException>(() => NewBusiness().Accept(invitation, "rep", "rep@exemple.tg", Now));
    }

    [Fact]
    public void Accept_IsRefused_WhenExpiredOrAlreadyAccepted()
    {
        var business = NewBusiness();
        var expired = business.Invite("rep@exemple.tg", "owner", "hash-1", Now);
        var used = business.Invite("rep@exemple.tg", "owner", "hash-2", Now);
        business.Accept(used, "rep", "rep@exemple.tg", Now);

        Assert.Throws<BusinessRuleException>(() => business.Accept(expired, "rep", "rep@exemple.tg", Now + BusinessInvitation.Lifetime));
        Assert.Throws<BusinessRuleException>(() => business.Accept(used, "rep", "rep@exemple.tg", Now));
    }

    [Fact]
    public void Invite_IsRefused_ForAnAccountOutsideTheBusiness()
    {
        Assert.Throws<BusinessRuleException>(() => NewBusiness().Invite("x@exemple.tg", "stranger", "hash", Now));
    }

    [Fact]
    public void Remove_LetsAnOwnerRemoveARepresentative()
    {
        var business = WithRepresentative();

        business.Remove("rep", "owner");

        Assert.Null(business.MemberOf("rep"));
    }

    [Fact]
    public void Remove_TellsARepresentative_ThatAnOwnerCannotBeRemoved()
    {
        var business = WithRepresentative();

        var error = Assert.Throws<BusinessRuleException>(() => business.Remove("owner", "rep"));

        Assert.Equal("Un propriétaire ne peut pas être retiré par un autre membre.", error.Message);
        Assert.NotNull(business.MemberOf("owner"));
    }

    [Fact]
    public void Remove_IsRefused_WhenARepresentativeRemovesAnother()
    {
        var business = WithRepresentative();
        business.Accept(business.Invite("rep2@exemple.tg", "owner", "hash-rep2", Now), "rep2", "rep2@exemple.tg", Now);

        var error = Assert.Throws<BusinessRuleException>(() => business.Remove("rep2", "rep"));

        Assert.Equal("Seul un propriétaire peut retirer un représentant.", error.Message);
    }

    [Fact]
    public void Remove_LetsARepresentativeLeave_ButNotTheLastOwner()
    {
        var business = WithRepresentative();

        business.Remove("rep", "rep");
        var error = Assert.Throws<BusinessRuleException>(() => business.Remove("owner", "owner"));

        Assert.Null(business.MemberOf("rep"));
        Assert.Equal("Le dernier propriétaire ne peut pas quitter l'entreprise.", error.Message);
    }

    [Fact]
    public void IsSoleOwner_OnlyForTheOneOwner()
    {
        var business = WithRepresentative();

        Assert.True(business.IsSoleOwner("owner"));
        Assert.False(business.IsSoleOwner("rep"));
        Assert.False(business.IsSoleOwner("stranger"));
    }

    [Fact]
    public void EnsureMayCloseAccount_RefusesTheSoleOwner_OfABusinessOthersRepresent()
    {
        var error = Assert.Throws<BusinessRuleException>(() => Business.EnsureMayCloseAccount([NewBusiness(), WithRepresentative()], "owner"));

        Assert.Equal("Vous êtes le seul propriétaire d'une entreprise qui a d'autres représentants : transférez-la ou retirez-les d'abord.", error.Message);
    }

    [Fact]
    public void EnsureMayCloseAccount_LetsAnOwnerAloneInTheBusiness_AndARepresentative_Go()
    {
        Business.EnsureMayCloseAccount([NewBusiness()], "owner");
        Business.EnsureMayCloseAccount([WithRepresentative()], "rep");
        Business.EnsureMayCloseAccount([], "owner");
    }
}
