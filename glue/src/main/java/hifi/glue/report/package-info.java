/** Reports: PNG line plots drawn with Java2D, training curves from metrics logs and run reports. */
package hifi.glue.report;
