# The reference host, built from source. Used by docker-compose.yml (the production-like path); the embedded
# PostgreSQL of `dotnet run --project src/Host` stays the zero-config default.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first (its layer is reused until a project or package version changes); eng/packages holds the
# DistributedLock shim nuget.config maps (see README, "The DistributedLock hole").
COPY nuget.config global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY eng/ eng/
COPY src/Domain/EventSourced.Domain.csproj src/Domain/
COPY src/Projections/EventSourced.Projections.csproj src/Projections/
COPY src/Host/EventSourced.Host.csproj src/Host/
RUN dotnet restore src/Host/EventSourced.Host.csproj
COPY src/ src/
RUN dotnet publish src/Host/EventSourced.Host.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The image's non-root user (uid 1654); the host needs no write access to /app.
USER app
ENV ASPNETCORE_URLS=http://+:3021 \
    Logging__Console__FormatterName=json
EXPOSE 3021
ENTRYPOINT ["dotnet", "EventSourced.Host.dll"]
