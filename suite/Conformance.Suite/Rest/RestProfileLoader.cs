using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.Suite.Rest;

/// <summary>A REST profile that cannot be used; every problem names the file and line.</summary>
public sealed class RestProfileException : Exception
{
    /// <summary>Creates the exception from its problems ("file:line: message").</summary>
    public RestProfileException(IReadOnlyList<string> problems) : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    /// <summary>Creates the exception.</summary>
    public RestProfileException() => Problems = [];

    /// <summary>Creates the exception with one message.</summary>
    public RestProfileException(string message) : base(message) => Problems = [message];

    /// <summary>Creates the exception with one message and its cause.</summary>
    public RestProfileException(string message, Exception innerException) : base(message, innerException) => Problems = [message];

    /// <summary>Each problem as "file:line: message".</summary>
    public IReadOnlyList<string> Problems { get; }
}

/// <summary>
/// Reads a REST profile (YAML). It walks YamlDotNet's node tree rather than binding to classes, so that every unknown
/// key, missing key and wrong value is reported with its own line.
/// </summary>
public static class RestProfileLoader
{
    private static readonly string[] Methods = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] RootKeys = ["basePath", "problemDetails", "auth", "features", "resources"];
    private static readonly string[] AuthKeys = ["scheme", "usernameEnv", "passwordEnv", "tokenEnv", "readOnlyTokenEnv", "header", "keyEnv"];
    private static readonly string[] FeatureKeys = ["upsert", "conditional", "maxBodyBytes", "ranges", "redirects"];
    private static readonly string[] ResourceKeys = ["name", "collection", "item", "idField", "collectionMethods", "itemMethods", "mediaType", "sample", "invalid", "existingId", "idForm"];

    /// <summary>Reads and checks a profile file.</summary>
    /// <exception cref="RestProfileException">The file is missing, is not YAML, or breaks a rule (all problems listed).</exception>
    public static RestProfile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new RestProfileException($"{path}: the REST profile does not exist");
        }

        var reader = new Reader(path);
        YamlStream stream = [];
        try
        {
            using var text = new StringReader(File.ReadAllText(path));
            stream.Load(text);
        }
        catch (YamlException e)
        {
            throw new RestProfileException($"{path}:{e.Start.Line}: not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new RestProfileException($"{path}:1: a REST profile is one YAML mapping (basePath, auth, features, resources)");
        }

        var profile = reader.Profile(root);
        return reader.Problems.Count > 0 ? throw new RestProfileException(reader.Problems) : profile;
    }

    private sealed class Reader(string path)
    {
        public List<string> Problems { get; } = [];

        public RestProfile Profile(YamlMappingNode root)
        {
            Keys(root, RootKeys, "the profile");
            var basePath = Text(root, "basePath") ?? "";
            if (basePath.Length > 0 && (!basePath.StartsWith('/') || basePath.EndsWith('/') || basePath.Contains('?', StringComparison.Ordinal)))
            {
                Problem(Node(root, "basePath")!, $"basePath '{basePath}' must start with '/' and end without '/' or query");
            }

            var resources = new List<RestResource>();
            if (Node(root, "resources") is YamlSequenceNode list && list.Children.Count > 0)
            {
                resources.AddRange(list.Children.Select(Resource).OfType<RestResource>());
            }
            else
            {
                Problem(Node(root, "resources") ?? root, "'resources' is missing or empty: list at least one resource");
            }

            return new RestProfile
            {
                Source = path,
                BasePath = basePath,
                ProblemDetails = Flag(root, "problemDetails"),
                Auth = Auth(Node(root, "auth")),
                Features = Features(Node(root, "features")),
                Resources = resources,
            };
        }

        private RestAuth Auth(YamlNode? node)
        {
            if (node is null)
            {
                return new RestAuth();
            }

            if (node is not YamlMappingNode map)
            {
                Problem(node, "'auth' must be a mapping");
                return new RestAuth();
            }

            Keys(map, AuthKeys, "auth");
            var scheme = Text(map, "scheme") switch
            {
                null or "none" => RestAuthScheme.None,
                "basic" => RestAuthScheme.Basic,
                "bearer" => RestAuthScheme.Bearer,
                "api-key" => RestAuthScheme.ApiKey,
                var other => Invalid(Node(map, "scheme")!, $"auth scheme '{other}' is not none, basic, bearer or api-key", RestAuthScheme.None),
            };
            var auth = new RestAuth
            {
                Scheme = scheme,
                UsernameEnv = Text(map, "usernameEnv"),
                PasswordEnv = Text(map, "passwordEnv"),
                TokenEnv = Text(map, "tokenEnv"),
                ReadOnlyTokenEnv = Text(map, "readOnlyTokenEnv"),
                Header = Text(map, "header"),
                KeyEnv = Text(map, "keyEnv"),
            };
            string[] needed = scheme switch
            {
                RestAuthScheme.Basic => ["usernameEnv", "passwordEnv"],
                RestAuthScheme.Bearer => ["tokenEnv"],
                RestAuthScheme.ApiKey => ["header", "keyEnv"],
                _ => [],
            };
            foreach (var key in needed.Where(k => Node(map, k) is null))
            {
                Problem(map, $"auth scheme '{Text(map, "scheme")}' needs '{key}'");
            }

            return auth;
        }

        private RestFeatures Features(YamlNode? node)
        {
            if (node is null)
            {
                return new RestFeatures();
            }

            if (node is not YamlMappingNode map)
            {
                Problem(node, "'features' must be a mapping");
                return new RestFeatures();
            }

            Keys(map, FeatureKeys, "features");
            long? maxBody = null;
            if (Node(map, "maxBodyBytes") is YamlScalarNode limit)
            {
                maxBody = long.TryParse(limit.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes is > 0 and < 1L << 31
                    ? bytes
                    : Invalid<long?>(limit, $"maxBodyBytes '{limit.Value}' is not a byte count (1 to 2 GiB)", null);
            }

            var redirects = new List<string>();
            if (Node(map, "redirects") is { } list)
            {
                foreach (var entry in (list as YamlSequenceNode)?.Children ?? [list])
                {
                    if (entry is YamlScalarNode { Value: { } redirect } && redirect.StartsWith('/'))
                    {
                        redirects.Add(redirect);
                    }
                    else
                    {
                        Problem(entry, "'redirects' is a list of paths that start with '/'");
                    }
                }
            }

            return new RestFeatures { Upsert = Flag(map, "upsert"), Conditional = Flag(map, "conditional"), Ranges = Flag(map, "ranges"), MaxBodyBytes = maxBody, Redirects = redirects };
        }

        private RestResource? Resource(YamlNode node)
        {
            if (node is not YamlMappingNode map)
            {
                Problem(node, "each resource is a mapping (name, collection, item, ...)");
                return null;
            }

            var before = Problems.Count;
            Keys(map, ResourceKeys, "a resource");
            var name = Required(map, "name");
            var collection = Required(map, "collection");
            var item = Required(map, "item");
            if (collection is not null && !collection.StartsWith('/'))
            {
                Problem(Node(map, "collection")!, $"collection '{collection}' must start with '/'");
            }

            if (item is not null && (!item.StartsWith('/') || !item.Contains("{id}", StringComparison.Ordinal)))
            {
                Problem(Node(map, "item")!, $"item '{item}' must start with '/' and contain {{id}}");
            }

            var resource = new RestResource
            {
                Name = name ?? "",
                Collection = collection ?? "",
                Item = item ?? "",
                IdField = Text(map, "idField") ?? "id",
                CollectionMethods = MethodList(map, "collectionMethods"),
                ItemMethods = MethodList(map, "itemMethods"),
                MediaType = Text(map, "mediaType") ?? "application/json",
                Sample = Json(Node(map, "sample")),
                Invalid = Json(Node(map, "invalid")),
                ExistingId = Text(map, "existingId"),
                IdForm = IdFormOf(map),
            };
            if (!resource.CanCreate && resource.ExistingId is null)
            {
                Problem(map, $"resource '{name}' needs either POST in collectionMethods with a 'sample' body, or an 'existingId' to read");
            }

            return Problems.Count > before ? null : resource;
        }

        private List<string> MethodList(YamlMappingNode map, string key)
        {
            if (Node(map, key) is not { } node)
            {
                Problem(map, $"'{key}' is missing: list the methods it allows, e.g. [GET, HEAD, OPTIONS]");
                return [];
            }

            if (node is not YamlSequenceNode list)
            {
                Problem(node, $"'{key}' must be a list of methods");
                return [];
            }

            var methods = new List<string>();
            foreach (var entry in list.Children)
            {
                var method = (entry as YamlScalarNode)?.Value ?? "";
                if (!Methods.Contains(method))
                {
                    Problem(entry, $"'{method}' in {key} is not one of {string.Join(", ", Methods)}");
                }
                else
                {
                    methods.Add(method);
                }
            }

            return methods;
        }

        // A YAML value as JSON text: mappings become objects, sequences arrays, plain scalars numbers, booleans or null
        // where they read as such, anything quoted a string.
        private string? Json(YamlNode? node) => node is null ? null : ToJson(node)?.ToJsonString();

        private JsonNode? ToJson(YamlNode node) => node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
            YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
            YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when v is "null" or "~" or "" => null,
            YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" } => JsonValue.Create(true),
            YamlScalarNode { Style: ScalarStyle.Plain, Value: "false" } => JsonValue.Create(false),
            YamlScalarNode { Style: ScalarStyle.Plain, Value: var v } when decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            YamlScalarNode scalar => JsonValue.Create(scalar.Value),
            _ => null,
        };

        private void Keys(YamlMappingNode map, string[] known, string where)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                if (!known.Contains(name))
                {
                    Problem(key, $"unknown key '{name}' in {where} (known: {string.Join(", ", known)})");
                }
            }
        }

        private string? Required(YamlMappingNode map, string key)
        {
            var value = Text(map, key);
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(map, $"'{key}' is missing");
                return null;
            }

            return value;
        }

        private IdForm IdFormOf(YamlMappingNode map)
        {
            switch (Text(map, "idForm"))
            {
                case null or "any":
                    return IdForm.Any;
                case "uuid":
                    return IdForm.Uuid;
                case "integer":
                    return IdForm.Number;
                case var other:
                    Problem(Node(map, "idForm")!, $"idForm '{other}' is not one of any, uuid, integer");
                    return IdForm.Any;
            }
        }

        private string? Text(YamlMappingNode map, string key)
        {
            var node = Node(map, key);
            if (node is null)
            {
                return null;
            }

            if (node is YamlScalarNode scalar)
            {
                return scalar.Value;
            }

            Problem(node, $"'{key}' must be a single value");
            return null;
        }

        private bool Flag(YamlMappingNode map, string key) => Text(map, key) switch
        {
            null or "false" => false,
            "true" => true,
            var other => Invalid(Node(map, key)!, $"'{key}' is '{other}', not true or false", false),
        };

        private static YamlNode? Node(YamlMappingNode map, string key) =>
            map.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: var k } && k == key).Value;

        private T Invalid<T>(YamlNode node, string message, T fallback)
        {
            Problem(node, message);
            return fallback;
        }

        private void Problem(YamlNode node, string message) => Problems.Add($"{path}:{node.Start.Line}: {message}");
    }
}
