using ServicePublic.Web.Domain.Forms;
using static ServicePublic.Web.Domain.Forms.Fields;

namespace ServicePublic.UnitTests;

/// <summary>The RCCM field type, and date bounds counted in days from today.</summary>
public sealed class RccmAndRelativeDateTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static List<string> Errors(FormField field, string answer) =>
        [.. new FormValidator([field], Today).Validate(new FormSubmission(new Dictionary<string, string?> { [field.Key] = answer })).Errors.Select(e => e.ErrorMessage)];

    [Theory]
    [InlineData("TG-LFW-01-2024-B12-00123")]
    [InlineData("TG-LOM-2019-A-1234")]
    [InlineData("  tg-lom-2019-a-1234 ")]
    [InlineData("TG-KRA-03-2021-M-1")]
    public void Rccm_AcceptsTogoleseTradeRegisterNumbers_InEitherCase(string answer)
    {
        Assert.Empty(Errors(Rccm("rccm", "N° RCCM"), answer));
    }

    [Theory]
    [InlineData("BJ-COT-2019-A-1234")]
    [InlineData("TG-LOMÉ-2019-A-1234")]
    [InlineData("TG-LOM-19-A-1234")]
    [InlineData("TG-LOM-2019-AB-1234")]
    [InlineData("TG-LOM-2019-A-1234567")]
    [InlineData("TG LOM 2019 A 1234")]
    [InlineData("TG-LOM-2019-A-1234\nx")]
    public void Rccm_RefusesOtherText_WithAnExample(string answer)
    {
        Assert.Equal(["Saisissez un numéro RCCM, par exemple TG-LFW-01-2024-B12-00123."], Errors(Rccm("rccm", "N° RCCM"), answer));
    }

    [Theory]
    [InlineData("today", "2026-11-23")]
    [InlineData("today-45d", "2026-10-09")]
    [InlineData("today+30d", "2026-12-23")]
    [InlineData("today-0d", "2026-11-23")]
    [InlineData("2025-01-31", "2025-01-31")]
    public void TryResolveDate_CountsDaysFromToday(string bound, string expected)
    {
        Assert.True(FieldChecks.TryResolveDate(bound, Today, out var date));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("demain")]
    [InlineData("today-45")]
    [InlineData("today - 45d")]
    [InlineData("Today-45d")]
    [InlineData("today-45d\n")]
    [InlineData("today+1m")]
    [InlineData("today-123456d")]
    [InlineData(null)]
    public void TryResolveDate_RefusesOtherBounds(string? bound)
    {
        Assert.False(FieldChecks.TryResolveDate(bound, Today, out _));
    }

    [Fact]
    public void TryResolveDate_RefusesABoundOutOfTheCalendar()
    {
        Assert.False(FieldChecks.TryResolveDate("today-45d", DateOnly.MinValue, out _));
        Assert.True(FieldChecks.IsDateBound("today-45d"));
    }

    [Fact]
    public void Date_WithARelativeMinimum_RefusesEarlierDays()
    {
        var field = Date("date-perte", "Date de la perte", min: "today-45d", max: FieldChecks.Today);

        Assert.Empty(Errors(field, "2026-10-09"));
        Assert.Equal(["La date ne peut pas être antérieure au 09/10/2026."], Errors(field, "2026-10-08"));
        Assert.Equal(["La date ne peut pas être postérieure au 23/11/2026."], Errors(field, "2026-11-24"));
    }

    [Theory]
    [InlineData("today+10d", "today-10d", true)]
    [InlineData("2027-01-01", "2026-01-01", true)]
    [InlineData("today-10d", "today+10d", false)]
    [InlineData("2030-01-01", "today", false)] // holds from 2030 on
    [InlineData("today-45d", "today", false)]
    public void Definition_ReportsAMinimumAfterTheMaximum_WhateverTheDay(string min, string max, bool reported)
    {
        var problems = FormDefinition.ProblemsByField([Date("d", "Date", min, max)]);

        Assert.Equal(reported, problems.Any(p => p.Field == "d" && p.Message == "la date minimale est postérieure à la date maximale."));
        Assert.Equal(reported ? 1 : 0, problems.Count);
    }

    [Fact]
    public void Definition_NamesABoundItCannotRead()
    {
        var problem = Assert.Single(FormDefinition.ProblemsByField([Date("d", "Date", min: "today-45j")]));

        Assert.Equal("d", problem.Field);
        Assert.StartsWith("« today-45j » n'est pas une date", problem.Message);
    }

    [Fact]
    public void Definition_GivesRccmNoOptionsNorPattern()
    {
        var field = Rccm("rccm", "N° RCCM");
        field.Options = ["a", "b"];
        field.Pattern = "TG-.*";

        var problems = FormDefinition.ProblemsByField([field]);

        Assert.Equal(["les options ne s'appliquent qu'aux listes de choix.", "un format (expression régulière) ne s'applique qu'aux textes courts."],
            problems.Where(p => p.Field == "rccm").Select(p => p.Message).Order());
    }
}
