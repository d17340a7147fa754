// Azure Managed Redis (Redis Enterprise) in one resource, as .NET Aspire's AddAzureManagedRedis: secure defaults, Entra ID or access keys, Key Vault secrets, access for consumers, existing caches.
package azuremanagedredis
