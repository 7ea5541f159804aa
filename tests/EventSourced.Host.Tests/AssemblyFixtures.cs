using EventSourced.Testing;

// One PostgreSQL server for the whole run; each test class gets its own database and host on it (see HostFixture).
[assembly: AssemblyFixture(typeof(PostgresServer))]
