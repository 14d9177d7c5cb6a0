using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ServicePublic.Web.Features.Statistics;

/// <summary>
/// How a published figure reads, in the visitor's language: "la moitié en 9 jours, 9 sur 10 en
/// 21 jours (n = 143)", "85 % (n = 20)", or, from fewer than 20 requests, the sentence that says
/// no figure is published. Every page and the catalogue write figures through here.
/// </summary>
public static class StatisticsText
{
    public const string NotPublished = "moins de 20 demandes : pas de chiffre publié";

    /// <summary>"la moitié en 9 jours, 9 sur 10 en 21 jours (n = 143)".</summary>
    public static string Delay(IStringLocalizer l, Durations durations) => durations.IsPublished
        ? l["la moitié en {0}, 9 sur 10 en {1} (n = {2})", Days(l, durations.Half!.Value), Days(l, durations.NineInTen!.Value), Format.Number(durations.Count)]
        : l[NotPublished];

    /// <summary>"85 % (n = 20)".</summary>
    public static string Share(IStringLocalizer l, Rate rate) => rate.IsPublished
        ? l["{0} % (n = {1})", rate.Percent.ToString(CultureInfo.InvariantCulture), Format.Number(rate.Count)]
        : l[NotPublished];

    /// <summary>"1 jour", "9 jours" (French: 0 and 1 take the singular).</summary>
    public static string Days(IStringLocalizer l, int days) =>
        days <= 1 ? l["{0} jour", days] : l["{0} jours", Format.Number(days)];
}
