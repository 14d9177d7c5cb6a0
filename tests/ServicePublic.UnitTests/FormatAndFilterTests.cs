using ServicePublic.Web.Domain.Catalogue;
using ServicePublic.Web.Features.Catalogue;
using ServicePublic.Web.Features.Shared;

namespace ServicePublic.UnitTests;

public sealed class FormatAndFilterTests
{
    [Theory]
    [InlineData(0, "0 FCFA")]
    [InlineData(500, "500 FCFA")]
    [InlineData(25_000, "25 000 FCFA")]
    [InlineData(4_500_000, "4 500 000 FCFA")]
    public void Xof_GroupsThousands_WithNonBreakingSpaces(long amount, string expected)
    {
        Assert.Equal(expected.Replace(' ', '\u00A0'), Format.Xof(amount));
    }

    [Fact]
    public void FeeAmount_ExplainsPerUnitAndRangeItems()
    {
        var perUnit = new FeeItem { Kind = FeeKind.PerUnit, Amount = 75_000, Unit = "km² par an" };
        var range = new FeeItem { Kind = FeeKind.Flat, Amount = 100_000, Min = 100_000, Max = 200_000 };

        Assert.Equal("75 000 FCFA / km² par an", Format.FeeAmount(perUnit).Replace('\u00A0', ' '));
        Assert.Equal("100 000 – 200 000 FCFA", Format.FeeAmount(range).Replace('\u00A0', ' '));
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("-1", 1)]
    [InlineData("0", 1)]
    [InlineData("abc", 1)]
    [InlineData("99999999999999999999", 1)]
    [InlineData("3", 3)]
    public void Filter_ReadsAnyPageValue(string? page, int expected)
    {
        Assert.Equal(expected, CatalogueFilter.From(null, null, null, null, page).Page);
    }

    [Fact]
    public void Filter_TrimsAndCapsTheQuery()
    {
        var filter = CatalogueFilter.From("  " + new string('x', 2000) + "  ", null, null, null, null);

        Assert.Equal(CatalogueFilter.MaxQueryLength, filter.Query!.Length);
        Assert.Null(CatalogueFilter.From("   ", null, null, null, null).Query);
    }

    [Theory]
    [InlineData("particuliers", Audience.Individuals)]
    [InlineData("ENTREPRISES", Audience.Companies)]
    [InlineData("tous", null)]
    [InlineData(null, null)]
    public void Filter_ReadsTheAudience(string? value, Audience? expected)
    {
        Assert.Equal(expected, CatalogueFilter.From(null, null, value, null, null).Audience);
    }

    [Fact]
    public void Filter_RouteValues_KeepEveryFilter_AndOmitPageOne()
    {
        var filter = CatalogueFilter.From("mine", "mderm", "entreprises", "mines-carrieres", "2");

        var values = filter.RouteValues(1);

        Assert.Equal("mine", values["q"]);
        Assert.Equal("MDERM", values["ministere"]);
        Assert.Equal("entreprises", values["public"]);
        Assert.Equal("mines-carrieres", values["categorie"]);
        Assert.Null(values["page"]);
        Assert.Equal("3", filter.RouteValues(3)["page"]);
    }
}
