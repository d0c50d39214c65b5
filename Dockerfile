# One image for every role: `ingest`, `collect`, `streams`, `simulator`, `run`, `report` (see README).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/egressmon egressmon && mkdir -p /var/lib/egressmon && chown egressmon /var/lib/egressmon
COPY --from=build /src/app/target/egressmon.jar /opt/egressmon/egressmon.jar
USER egressmon
WORKDIR /var/lib/egressmon
ENV JAVA_TOOL_OPTIONS="-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.egressmon.avro"
EXPOSE 8080 2055/udp 6343/udp
ENTRYPOINT ["java", "-jar", "/opt/egressmon/egressmon.jar"]
