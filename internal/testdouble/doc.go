// Package testdouble holds the project's test doubles of Azure Resource Manager and
// azure-native 3.28.0, which talk to no Azure: fakearm, the one model of ARM both doubles share,
// and azuremock, the double behind Pulumi's mocks. The third, tests/fakeazure, is an azure-native
// plugin built on fakearm, for engine tests and `make demo`.
package testdouble
