using System.Collections.Concurrent;
using System.Reflection;
using Azure.Data.Tables;

namespace G7Flows.Workflows.Platform.Storage;

/// <summary>
/// Maps a dynamic <see cref="TableEntity"/> to a typed entity, so that one partition query can return
/// rows of several shapes (a consultation and its positions) in a single request.
/// </summary>
internal static class EntityMapper
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static T Map<T>(TableEntity row)
        where T : class, ITableEntity, new()
    {
        var entity = new T
        {
            PartitionKey = row.PartitionKey,
            RowKey = row.RowKey,
            Timestamp = row.Timestamp,
            ETag = row.ETag,
        };

        foreach (PropertyInfo property in Properties.GetOrAdd(typeof(T), static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray()))
        {
            if (property.Name is nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)
                || !row.TryGetValue(property.Name, out object? value) || value is null)
            {
                continue;
            }

            Type target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(entity, value switch
            {
                DateTime d when target == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
                int i when target == typeof(double) => (double)i,
                _ when target.IsInstanceOfType(value) => value,
                _ => Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return entity;
    }
}
