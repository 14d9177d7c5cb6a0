using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServicePublic.Web.Data.Configurations;

/// <summary>Lists and dictionaries kept whole in one jsonb column, compared by content so changes inside them are saved.</summary>
internal static class JsonColumns
{
    public static PropertyBuilder<List<T>> IsJsonbList<T>(this PropertyBuilder<List<T>> property) =>
        property.HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
            v => JsonSerializer.Deserialize<List<T>>(v, (JsonSerializerOptions?)null) ?? new List<T>(),
            new ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));

    public static PropertyBuilder<Dictionary<string, TValue>> IsJsonbDictionary<TValue>(this PropertyBuilder<Dictionary<string, TValue>> property) =>
        property.HasColumnType("jsonb").HasConversion(
            v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
            v => JsonSerializer.Deserialize<Dictionary<string, TValue>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, TValue>(),
            new ValueComparer<Dictionary<string, TValue>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                v => v.Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
                v => new Dictionary<string, TValue>(v)));
}
