-- Secret Santa schema, part 1: roles, the extension and the schema the functions live in.
--
-- Runs as the owner role (the one in DATABASE_URL). Two further roles exist cluster-wide:
--   santa_app      LOGIN, NOSUPERUSER, NOBYPASSRLS: the only role the web app's pool uses.
--   santa_definer  NOLOGIN: owns the SECURITY DEFINER functions; its own narrow policies let
--                  those functions see exactly the rows they need, while every table still has
--                  FORCE ROW LEVEL SECURITY (so even the owner reads nothing it was not granted).
--
-- The parts run in this order: roles, tables, functions, policies (the policies call the
-- functions, so the functions come first).

-- Roles are cluster-wide: another database of the same cluster may have created them already.
do $$
begin
    begin
        create role santa_app login nosuperuser nobypassrls nocreatedb nocreaterole noinherit;
    exception when duplicate_object or unique_violation then
        null;
    end;
    begin
        create role santa_definer nologin nosuperuser nobypassrls nocreatedb nocreaterole;
    exception when duplicate_object or unique_violation then
        null;
    end;
end
$$;

-- The owner must be a member of santa_definer to hand it the ownership of functions.
do $$
begin
    if not pg_has_role(current_user, 'santa_definer', 'member') then
        execute format('grant santa_definer to %I', current_user);
    end if;
end
$$;

create extension if not exists citext with schema public;

create schema app;
grant usage on schema app to santa_app, santa_definer;
-- A function's new owner needs CREATE on its schema.
grant create on schema app to santa_definer;
-- Per-schema default privileges only add to the global ones, so this does not take EXECUTE away
-- from PUBLIC on new functions: part 3 revokes it explicitly.
alter default privileges in schema app revoke execute on functions from public;
