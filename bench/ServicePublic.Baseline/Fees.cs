using System.Text.Json;

namespace ServicePublic.Baseline;

/// <summary>One line of a procedure version's fees (the jsonb column <c>fees</c>), and the totals its pages show.</summary>
public sealed record Fee(string Label, string Kind, long? Amount, string? Unit, bool DueLater, long? Min, long? Max, string? Note, int AppliesTo)
{
    public bool IsChargedAtFiling => Kind == "Flat" && !DueLater && Amount is not null;

    public bool IsRange => Kind == "Flat" && Max is not null && Max != Amount;

    public static IReadOnlyList<Fee> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        var fees = new List<Fee>();
        foreach (var e in document.RootElement.EnumerateArray())
        {
            fees.Add(new Fee(
                e.GetProperty("Label").GetString() ?? "",
                e.GetProperty("Kind") is { ValueKind: JsonValueKind.Number } k ? k.GetInt32() switch { 1 => "Flat", 2 => "PerUnit", _ => "Variable" } : e.GetProperty("Kind").GetString() ?? "",
                Long(e, "Amount"), String(e, "Unit"), e.TryGetProperty("DueLater", out var d) && d.GetBoolean(),
                Long(e, "Min"), Long(e, "Max"), String(e, "Note"),
                e.GetProperty("AppliesTo") is { ValueKind: JsonValueKind.Number } a ? a.GetInt32() : e.GetProperty("AppliesTo").GetString() switch { "Individuals" => 1, "Companies" => 2, _ => 0 }));
        }
        return fees;
    }

    /// <summary>Flat items charged at filing; items for one kind of applicant count for the cheaper one.</summary>
    public static long FlatTotal(IReadOnlyList<Fee> fees) =>
        For(fees, 0) + Math.Min(For(fees, 1), For(fees, 2));

    public static bool FlatTotalIsExact(IReadOnlyList<Fee> fees) =>
        fees.All(f => f.DueLater || (f.Kind == "Flat" && !f.IsRange && f.Amount is not null && f.AppliesTo == 0));

    public static bool IsFree(IReadOnlyList<Fee> fees) => fees.Count == 0 || fees.All(f => f.Kind == "Flat" && f.Amount == 0);

    public static string Shown(Fee fee) => fee.Kind switch
    {
        "Flat" when fee.IsRange => $"{Html.Number(fee.Amount ?? fee.Min ?? 0)} – {Html.Xof(fee.Max!.Value)}",
        "Flat" when fee.Amount is not null => Html.Xof(fee.Amount.Value),
        "PerUnit" when fee.Amount is not null => $"{Html.Xof(fee.Amount.Value)} / {fee.Unit}",
        _ => "",
    };

    private static long For(IReadOnlyList<Fee> fees, int appliesTo) =>
        fees.Where(f => f.IsChargedAtFiling && f.AppliesTo == appliesTo).Sum(f => f.Amount!.Value);

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
