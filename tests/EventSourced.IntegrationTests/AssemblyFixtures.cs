using EventSourced.Testing;

// One PostgreSQL server for the whole run; each test class gets its own database on it (see MartenDatabase).
[assembly: AssemblyFixture(typeof(PostgresServer))]
