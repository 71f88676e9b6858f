package org.openucp.web.problem;

import jakarta.validation.Path;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The path, query and header parameters of a resource method as the caller names them. */
final class Parameters {

  private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
      short.class, Short.class, double.class, Double.class, float.class, Float.class, byte.class, Byte.class);

  private Parameters() {
  }

  /** Each parameter whose value cannot be converted to the method's type for it, and what it must be. */
  static List<Problem.FieldError> unreadable(Method method, UriInfo uri, HttpHeaders headers) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (Parameter parameter : method.getParameters()) {
      String name = null;
      List<String> values = null;
      if (parameter.getAnnotation(QueryParam.class) != null) {
        name = parameter.getAnnotation(QueryParam.class).value();
        values = uri.getQueryParameters().get(name);
      } else if (parameter.getAnnotation(PathParam.class) != null) {
        name = parameter.getAnnotation(PathParam.class).value();
        values = uri.getPathParameters().get(name);
      } else if (parameter.getAnnotation(HeaderParam.class) != null) {
        name = parameter.getAnnotation(HeaderParam.class).value();
        values = headers.getRequestHeader(name);
      }
      if (values != null && values.stream().anyMatch(value -> !converts(parameter.getType(), value))) {
        errors.add(new Problem.FieldError(name, "must be " + expected(parameter.getType())));
      }
    }
    return errors;
  }

  /** {@code X-File-Name} or {@code page} rather than the Java parameter's name. */
  static String httpName(Class<?> resource, Path.MethodNode method, Path.ParameterNode parameter) {
    Class<?>[] types = method.getParameterTypes().toArray(Class<?>[]::new);
    for (Class<?> type = resource; type != null && type != Object.class; type = type.getSuperclass()) {
      try {
        for (Annotation annotation : type.getDeclaredMethod(method.getName(), types)
            .getParameterAnnotations()[parameter.getParameterIndex()]) {
          if (annotation instanceof QueryParam query) {
            return query.value();
          }
          if (annotation instanceof PathParam path) {
            return path.value();
          }
          if (annotation instanceof HeaderParam header) {
            return header.value();
          }
        }
      } catch (NoSuchMethodException notDeclaredHere) {
        // a proxy's subclass declares it without annotations, or only a superclass does
      }
    }
    return parameter.getName();
  }

  private static boolean converts(Class<?> type, String value) {
    Class<?> target = BOXES.getOrDefault(type, type);
    try {
      if (target == String.class || target == boolean.class || target == Boolean.class) {
        return true;
      }
      if (target == LocalDate.class) {
        LocalDate.parse(value);
      } else if (target == Instant.class) {
        Instant.parse(value);
      } else if (target == UUID.class) {
        UUID.fromString(value);
      } else if (target.isEnum()) {
        return Arrays.stream(target.getEnumConstants()).anyMatch(constant -> ((Enum<?>) constant).name().equals(value));
      } else {
        Method factory = factory(target);
        if (factory == null) {
          return true;
        }
        factory.invoke(null, value);
      }
      return true;
    } catch (DateTimeParseException | IllegalArgumentException | InvocationTargetException e) {
      return false;
    } catch (IllegalAccessException e) {
      return true;
    }
  }

  private static Method factory(Class<?> type) {
    for (String name : List.of("valueOf", "fromString", "of", "parse")) {
      try {
        Method method = type.getMethod(name, String.class);
        if (Modifier.isStatic(method.getModifiers())) {
          return method;
        }
      } catch (NoSuchMethodException e) {
        // try the next name
      }
    }
    return null;
  }

  private static String expected(Class<?> type) {
    Class<?> target = BOXES.getOrDefault(type, type);
    if (target == Integer.class || target == Long.class || target == Short.class || target == Byte.class) {
      return "a whole number";
    }
    if (target == Double.class || target == Float.class) {
      return "a number";
    }
    if (target == LocalDate.class) {
      return "a date such as 2026-01-31";
    }
    if (target == Instant.class) {
      return "a UTC time such as 2026-01-31T09:00:00Z";
    }
    if (target == UUID.class) {
      return "a UUID";
    }
    if (target.isEnum()) {
      return "one of " + Arrays.stream(target.getEnumConstants()).map(constant -> ((Enum<?>) constant).name())
          .collect(Collectors.joining(", "));
    }
    return "a valid " + target.getSimpleName();
  }
}
