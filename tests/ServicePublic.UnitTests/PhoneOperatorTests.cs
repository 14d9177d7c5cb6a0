using ServicePublic.Web.Domain.Accounts;
using ServicePublic.Web.Domain.Payments;

namespace ServicePublic.UnitTests;

/// <summary>Mobile money works only with its own operator's numbers: T-Money with Togocel, Flooz with Moov Africa.</summary>
public sealed class PhoneOperatorTests
{
    [Theory]
    [InlineData(PaymentMethod.TMoney, "+22870123456")]
    [InlineData(PaymentMethod.TMoney, "+22893123456")]
    [InlineData(PaymentMethod.Flooz, "+22879123456")]
    [InlineData(PaymentMethod.Flooz, "+22899123456")]
    [InlineData(PaymentMethod.Card, "+22896001122")]
    public void OperatorProblem_IsNone_ForTheOperatorsOwnNumbers(PaymentMethod method, string phone) =>
        Assert.Null(PhoneNumbers.OperatorProblem(method, phone));

    [Fact]
    public void OperatorProblem_RefusesAMoovNumber_ForTMoney() =>
        Assert.Equal(
            "Ce numéro n'est pas un numéro Togocel : T-Money fonctionne avec les numéros qui commencent par 70 à 73 ou 90 à 93.",
            PhoneNumbers.OperatorProblem(PaymentMethod.TMoney, "+22896001122"));

    [Fact]
    public void OperatorProblem_RefusesATogocelNumber_ForFlooz() =>
        Assert.Equal(
            "Ce numéro n'est pas un numéro Moov Africa : Flooz fonctionne avec les numéros qui commencent par 78, 79 ou 94 à 99.",
            PhoneNumbers.OperatorProblem(PaymentMethod.Flooz, "+22890123456"));

    [Theory]
    [InlineData(PaymentMethod.TMoney)]
    [InlineData(PaymentMethod.Flooz)]
    public void OperatorProblem_RefusesAForeignNumber_ForMobileMoney(PaymentMethod method) =>
        Assert.NotNull(PhoneNumbers.OperatorProblem(method, "+33612345678"));
}
