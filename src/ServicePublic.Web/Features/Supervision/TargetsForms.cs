using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ServicePublic.Web.Domain.Forms;
using ServicePublic.Web.Domain.Supervision;

namespace ServicePublic.Web.Features.Supervision;

/// <summary>
/// An indicator's baseline and yearly targets as typed: text, so that "85,5" is read with its
/// decimal comma and a typing slip is shown back, next to its field, as it was typed.
/// </summary>
public sealed class IndicatorForm
{
    public string? BaselineYear { get; set; }
    public string? Baseline { get; set; }

    /// <summary>By year (<see cref="IndicatorRules.TargetYears"/>), posted as "Targets[2026]".</summary>
    public Dictionary<int, string?> Targets { get; set; } = [];

    /// <summary>What the values measure: from the indicator being edited, never from the post.</summary>
    [BindNever]
    public IndicatorKind Kind { get; set; }

    public string? Target(int year) => Targets.GetValueOrDefault(year);

    /// <summary>The indicator's values as the form shows them, in the reader's culture ("85,5").</summary>
    public static IndicatorForm Of(Indicator indicator) => new()
    {
        Kind = indicator.Kind,
        BaselineYear = indicator.BaselineYear.ToString(CultureInfo.InvariantCulture),
        Baseline = Text(indicator.Baseline),
        Targets = IndicatorRules.TargetYears.ToDictionary(y => y, y => Text(indicator.TargetFor(y))),
    };

    /// <summary>The values once <see cref="IndicatorFormValidator"/> accepted them.</summary>
    public (int BaselineYear, decimal Baseline, Dictionary<int, decimal> Targets) Values() => (
        int.Parse(BaselineYear!.Trim(), CultureInfo.InvariantCulture),
        Number(Baseline),
        IndicatorRules.TargetYears.ToDictionary(y => y, y => Number(Target(y))));

    public static string? Text(decimal? value) => value?.ToString("0.##", CultureInfo.CurrentCulture);

    /// <summary>"85,5", "85.5" and "1 200" alike (see <see cref="FieldChecks.TryParseNumber"/>).</summary>
    internal static bool TryNumber(string? text, out decimal value)
    {
        value = 0;
        return !string.IsNullOrWhiteSpace(text) && FieldChecks.TryParseNumber(text, out value);
    }

    private static decimal Number(string? text) =>
        TryNumber(text, out var value) ? value : throw new InvalidOperationException("Validate the form before reading its values.");
}

public sealed class IndicatorFormValidator : AbstractValidator<IndicatorForm>
{
    public const string NumberMessage = "Saisissez un nombre, par exemple 45 ou 85,5.";

    public IndicatorFormValidator()
    {
        RuleFor(f => f.BaselineYear).Cascade(CascadeMode.Stop)
            .Must(IsSet).WithMessage(IndicatorRules.RequiredMessage)
            .Must(y => int.TryParse(y!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                && year is >= IndicatorRules.FirstBaselineYear and <= IndicatorRules.LastBaselineYear)
            .WithMessage(IndicatorRules.BaselineYearMessage);
        Value(RuleFor(f => f.Baseline));
        foreach (var year in IndicatorRules.TargetYears)
        {
            Value(RuleFor(f => f.Target(year)), $"{nameof(IndicatorForm.Targets)}[{year}]");
        }
    }

    /// <summary>A required number within the kind's range; <paramref name="name"/>, the field's name when the rule reads no property.</summary>
    private static void Value(IRuleBuilderInitial<IndicatorForm, string?> rule, string? name = null)
    {
        var options = rule.Cascade(CascadeMode.Stop)
            .Must(IsSet).WithMessage(IndicatorRules.RequiredMessage)
            .Must(text => IndicatorForm.TryNumber(text, out _)).WithMessage(NumberMessage)
            .Must((form, text) => Problem(form, text) is null).WithMessage((form, text) => Problem(form, text)!);
        if (name is not null)
        {
            options.OverridePropertyName(name);
        }
    }

    private static bool IsSet(string? text) => !string.IsNullOrWhiteSpace(text);

    private static string? Problem(IndicatorForm form, string? text) =>
        IndicatorForm.TryNumber(text, out var value) ? form.Kind.Problem(value) : null;
}

/// <summary>A procedure's target delay as typed: whole days, 1 to 365 (the domain says the same, for the published case too).</summary>
public static class DelayInput
{
    public const string Field = "jours";
    public const string NumberMessage = "Saisissez un nombre entier de jours, par exemple 30.";

    /// <summary>The days typed, or null with the message to show when it is no whole number.</summary>
    public static (int? Days, string? Problem) Read(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days)
            ? (days, null)
            : (null, NumberMessage);
}
