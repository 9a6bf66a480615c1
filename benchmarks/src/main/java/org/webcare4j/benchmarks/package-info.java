/** JMH benchmarks of webcare4j, each reported against a baseline measured in the same run. */
package org.webcare4j.benchmarks;
