using System.Globalization;
using Microsoft.Extensions.Localization;
using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>How the targets pages name indicators and statuses, and write their values (French keys, translated by the views).</summary>
public static class TargetsText
{
    private const char NoBreakSpace = '\u00A0';

    public static string Label(IndicatorKind kind) => kind switch
    {
        IndicatorKind.DecidedWithinTarget => "Demandes décidées dans le délai cible",
        IndicatorKind.P90Days => "Délai de 9 décisions sur 10 (p90)",
        IndicatorKind.FiledOnline => "Demandes déposées en ligne",
        IndicatorKind.ApprovalRate => "Taux d'acceptation",
        _ => kind.ToString(),
    };

    /// <summary>The unit a value of this kind is typed in, shown beside the form's fields.</summary>
    public static string Unit(IndicatorKind kind) => kind switch
    {
        IndicatorKind.P90Days => "jours",
        IndicatorKind.FiledOnline => "demandes",
        _ => "%",
    };

    /// <summary>The status in words, the icon that goes with them (never the colour alone) and its CSS class.</summary>
    public static (string Words, string Icon, string Css) Status(IndicatorStatus status) => status switch
    {
        IndicatorStatus.OnTrack => ("En bonne voie", "✓", "on-track"),
        IndicatorStatus.AtRisk => ("À risque", "!", "at-risk"),
        IndicatorStatus.OffTrack => ("Hors trajectoire", "✕", "off-track"),
        IndicatorStatus.NotMeasured => ("Pas encore de mesure", "–", "unmeasured"),
        _ => ("Pas de cible pour cette année", "–", "unmeasured"),
    };

    /// <summary>"85,5 %", "12 jours", "1 200": in the reader's culture; "—" when there is none.</summary>
    public static string Value(IStringLocalizer localizer, IndicatorKind kind, decimal? value) => value switch
    {
        null => "—",
        { } v when kind.IsPercentage() => v.ToString("0.##", CultureInfo.CurrentCulture) + NoBreakSpace + "%",
        { } v when kind == IndicatorKind.P90Days => localizer["{0} jours", v.ToString("0.##", CultureInfo.CurrentCulture)].Value,
        { } v => Format.Number((long)decimal.Round(v)),
    };
}
