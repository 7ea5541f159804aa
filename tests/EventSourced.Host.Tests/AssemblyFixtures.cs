using EventSourced.Testing;

// One PostgreSQL server for the whole run; each test class gets its own database and host on it (see HostFixture).
[assembly: AssemblyFixture(typeof(PostgresServer))]

// One RabbitMQ broker, started only when a broker test first asks for it; each of those classes gets its own virtual host.
[assembly: AssemblyFixture(typeof(RabbitMqServer))]
