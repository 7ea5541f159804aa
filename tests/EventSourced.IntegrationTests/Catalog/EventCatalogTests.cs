using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventSourced.Domain.Templates;
using EventSourced.Projections.ReadTables;
using EventSourced.Handlers.Registration;
using EventSourced.Projections.Registration;
using JasperFx.Events;
using Marten;

namespace EventSourced.IntegrationTests.Catalog;

/// <summary>
/// Issue 16: adding an event cannot skip a step. Every event type of the Domain assembly has a stored name, changes the
/// state of the aggregate that folds it (no event falls through a silent <c>_ => state</c>), and every projection that
/// declares an event writes something for it. Reflection over the assembly, so a new event is checked without being listed.
/// </summary>
public sealed class EventCatalogTests
{
    /// <summary>Events no aggregate folds, and why: anything else must change some aggregate's state.</summary>
    private static readonly Dictionary<string, string> NotFolded = new()
    {
        ["RepairRecorded"] = "an audit record appended to the repaired stream; it changes no state by design",
        ["OrderCreated"] = "an order stream is written once and never decided on again, so it has no aggregate",
        ["EventQuarantined"] = "an operator's record that one stored event is left out of replays; it changes no state by design",
        ["PersonalDataErased"] = "the record of an erasure, on a stream of its own; it changes no state by design",
        ["StreamsArchived"] = "the record of an archiving run, on a stream of its own; it changes no state by design",
    };

    private static readonly Type[] DomainEvents = typeof(Template).Assembly.GetTypes()
        .Where(t => t.Namespace?.EndsWith(".Events", StringComparison.Ordinal) == true && t is { IsClass: true, IsAbstract: false, IsNested: false })
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    private static readonly MethodInfo[] Folds = typeof(Template).Assembly.GetTypes()
        .Select(t => t.GetMethod("Evolve", BindingFlags.Public | BindingFlags.Static, [t, typeof(object)]))
        .OfType<MethodInfo>()
        .ToArray();

    [Fact]
    public void The_catalog_is_found()
    {
        DomainEvents.Length.ShouldBeGreaterThan(25);
        Folds.Length.ShouldBe(7);
    }

    [Fact]
    public void Every_event_has_one_stored_name_that_is_not_its_class_name()
    {
        using IDocumentStore store = DocumentStore.For(options =>
        {
            options.Connection("Host=unused.invalid");
            options.AddEventSourced();
        });
        var known = store.Options.Events.AllKnownEventTypes().ToLookup(t => t.EventType);

        var unnamed = DomainEvents.Where(t => known[t].Count() != 1 || !Regex.IsMatch(known[t].Single().EventTypeName, @"^[a-z_]+\.v[0-9]+$"))
            .Select(t => $"{t.Name}: {string.Join(", ", known[t].Select(k => k.EventTypeName).DefaultIfEmpty("no stored name"))}");

        unnamed.ShouldBeEmpty("every event needs exactly one stored name like 'template_created.v1' (StoredEventNames)");
    }

    [Fact]
    public void Every_event_changes_the_state_of_an_aggregate_that_folds_it()
    {
        var unfolded = DomainEvents.Where(t => !NotFolded.ContainsKey(t.Name) && !Folds.Any(fold => Changes(fold, Sample.Of(t))))
            .Select(t => t.Name);

        unfolded.ShouldBeEmpty("an event no aggregate folds is lost on the next decision; fold it in its aggregate's Evolve or list it in NotFolded with the reason");
        NotFolded.Keys.ShouldBeSubsetOf(DomainEvents.Select(t => t.Name), "NotFolded names only events that exist");
    }

    [Fact]
    public void Every_projection_writes_something_for_every_event_it_declares()
    {
        var silent = new List<string>();
        foreach (var projection in ReadTableCatalog.For("public"))
        {
            var declared = DomainEvents.Where(projection.Handles).ToArray();
            declared.ShouldNotBeEmpty($"{projection.TableShortName} declares no event");
            silent.AddRange(declared.Where(t => projection.Change(Wrap(Sample.Of(t))) is null).Select(t => $"{projection.TableShortName} ignores {t.Name}"));
        }

        silent.ShouldBeEmpty("a projection that includes an event type must write something for it (ReadTableProjection.Change)");
    }

    /// <summary>Whether folding <paramref name="e"/> changes the aggregate: it creates one from nothing, or it yields a new state.</summary>
    private static bool Changes(MethodInfo fold, object e)
    {
        var stateType = fold.DeclaringType!;
        var created = fold.Invoke(null, [null, e]);
        if (created is not null)
        {
            return true;
        }

        var seed = Sample.Of(stateType);
        var after = fold.Invoke(null, [seed, e]);
        return after is not null && !ReferenceEquals(after, seed);
    }

    private static IEvent Wrap(object data)
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(data.GetType()), data)!;
        e.StreamId = Guid.NewGuid();
        e.TenantId = "*DEFAULT*";
        e.Version = 2;
        e.Timestamp = DateTimeOffset.UtcNow;
        return e;
    }

    /// <summary>An instance with every constructor argument set to a plausible non-default value.</summary>
    private static class Sample
    {
        public static object Of(Type type) => Value(type, depth: 0)!;

        private static object? Value(Type type, int depth)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(string)) return "sample";
            if (underlying == typeof(Guid)) return Guid.NewGuid();
            if (underlying == typeof(int)) return 2;
            if (underlying == typeof(long)) return 2L;
            if (underlying == typeof(decimal)) return 2m;
            if (underlying == typeof(double)) return 2d;
            if (underlying == typeof(bool)) return true;
            if (underlying == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
            if (underlying == typeof(DateOnly)) return new DateOnly(2026, 12, 4);
            if (underlying == typeof(JsonElement)) return JsonDocument.Parse("{}").RootElement.Clone();
            if (underlying.IsEnum) return Enum.GetValues(underlying).GetValue(0);
            if (underlying.IsArray) return Array.CreateInstance(underlying.GetElementType()!, 0);
            if (underlying.IsGenericType && underlying.GetGenericArguments() is [var item] && typeof(IEnumerable<>).MakeGenericType(item).IsAssignableFrom(underlying))
            {
                return Array.CreateInstance(item, 0);
            }

            if (underlying.IsGenericType && underlying.GetGenericArguments() is [var key, var value] &&
                typeof(IReadOnlyDictionary<,>).MakeGenericType(key, value).IsAssignableFrom(underlying))
            {
                return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(key, value));
            }

            if (depth > 4)
            {
                return null;
            }

            var constructor = underlying.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
            return constructor is null
                ? System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(underlying)
                : constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType, depth + 1)).ToArray());
        }
    }
}
