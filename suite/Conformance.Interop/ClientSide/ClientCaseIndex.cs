using System.Xml.Linq;
using Conformance.Suite.Catalogue;

namespace Conformance.Interop.ClientSide;

/// <summary>
/// The index page of the client-case server: how to drive a client, and every case with its clause, level and URL.
/// Built as elements, so every text (titles, agent names) is encoded by construction, never concatenated into markup.
/// </summary>
internal static class ClientCaseIndex
{
    public static string Render(ClientCaseServer server, IReadOnlyList<CaseDefinition> cases, string agent)
    {
        var rows = cases.Select(c => new XElement("tr",
            new XElement("td", new XElement("code", c.Id)),
            new XElement("td", c.Title),
            new XElement("td", c.Clause),
            new XElement("td", c.Level.ToString().ToLowerInvariant()),
            new XElement("td", new XElement("code", server.CaseUri(c.Id, agent).ToString()))));
        var html = new XElement("html", new XAttribute("lang", "en"),
            new XElement("head",
                new XElement("meta", new XAttribute("charset", "utf-8")),
                new XElement("title", "Conformance: client cases")),
            new XElement("body",
                new XElement("h1", "Conformance: client cases"),
                new XElement("p", $"Agent: {agent} (choose one with ?agent=NAME). {cases.Count} cases."),
                new XElement("h2", "Driving a client"),
                new XElement("ol",
                    new XElement("li", "GET ", new XElement("code", new Uri(server.BaseUri, $"cases?agent={agent}").ToString()), ": the cases as JSON, each with its url."),
                    new XElement("li", "For each case, open a WebSocket connection to its url with the client under test, and echo every message it receives (same type, same data) until the connection closes."),
                    new XElement("li", "Then POST what the client's API saw to ", new XElement("code", $"/report/CASE-ID?agent={agent}"),
                        " as JSON: {\"agent\": \"library version\", \"opened\": true, \"error\": false, \"closeCode\": 1000, \"closeReason\": \"\", \"wasClean\": true, \"received\": 1}."),
                    new XElement("li", "GET ", new XElement("code", new Uri(server.BaseUri, $"results?agent={agent}").ToString()), ": the verdicts, in the schema of results.json.")),
                new XElement("h2", "Cases"),
                new XElement("table",
                    new XElement("thead", new XElement("tr", new XElement("th", "id"), new XElement("th", "title"), new XElement("th", "clause"), new XElement("th", "level"), new XElement("th", "url"))),
                    new XElement("tbody", rows))));
        return "<!DOCTYPE html>\n" + html.ToString(SaveOptions.DisableFormatting);
    }
}
