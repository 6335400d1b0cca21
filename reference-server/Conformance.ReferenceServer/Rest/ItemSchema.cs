using System.Text.Json;

namespace Conformance.ReferenceServer.Rest;

/// <summary>An item as a client sends it: the server assigns the id.</summary>
internal sealed record ItemDraft(string Name, decimal? Price);

/// <summary>
/// The shape of an item, <c>{"name": string of 1 to 100 characters (required), "price": number ≥ 0}</c>, and its
/// stored JSON, <c>{"id", "name", "price"}</c>. Other members of a request body are ignored, "id" included:
/// the URL or the server decides it.
/// </summary>
internal static class ItemSchema
{
    public const int MaxNameLength = 100;

    /// <summary>The item in <paramref name="root"/>, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static ItemDraft? Read(JsonElement root, out string problem)
    {
        problem = "";
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = $"An item is a JSON object, not {Article(root.ValueKind)}.";
            return null;
        }

        if (!root.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            problem = "The member name is required and must be a string.";
            return null;
        }

        var name = nameElement.GetString()!;
        var length = name.EnumerateRunes().Count();
        if (length is 0 or > MaxNameLength)
        {
            problem = $"The name must have 1 to {MaxNameLength} characters; it has {length}.";
            return null;
        }

        decimal? price = null;
        if (root.TryGetProperty("price", out var priceElement))
        {
            if (priceElement.ValueKind != JsonValueKind.Number || !priceElement.TryGetDecimal(out var value) || value < 0)
            {
                problem = "The member price, when present, must be a number of at least 0.";
                return null;
            }

            price = value;
        }

        return new ItemDraft(name, price);
    }

    /// <summary>The stored representation of <paramref name="item"/> under <paramref name="id"/>.</summary>
    public static byte[] Render(string id, ItemDraft item) => RestJson.Object(json =>
    {
        json.WriteString("id", id);
        json.WriteString("name", item.Name);
        if (item.Price is { } price)
        {
            json.WriteNumber("price", price);
        }
    });

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}

/// <summary>Writing small JSON documents.</summary>
internal static class RestJson
{
    /// <summary>A JSON object whose members <paramref name="members"/> writes.</summary>
    public static byte[] Object(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A JSON array of already rendered JSON values.</summary>
    public static byte[] Array(IEnumerable<byte[]> elements) =>
        [(byte)'[', .. elements.SelectMany((element, i) => i == 0 ? element : [(byte)',', .. element]), (byte)']'];
}
